import { createHash } from 'node:crypto';
import { base32 } from './base32';
import { byCodeUnit, uniqueSorted } from './code-unit-order';
import { objectKey } from './object-key';
import type { CanonicalRequest } from './snapshot-request';

/** What a report looked like when a snapshot was taken of it. */
export interface ReportRevision {
  /** Bumped when the dashboard changes. */
  version: string;
  /** Changes when the data behind the report is refreshed. */
  dataEpoch: string;
}

export interface SnapshotIdentity {
  /** `snp_` and 32 base32 characters (160 bits) of a SHA-256. */
  snapshotId: string;
  /** The exact text that was hashed. */
  canonical: string;
  objectKey: string;
}

// Part of the hashed text: changing how the canonical form is written must
// change this tag, so no old id is reused for a different meaning.
const formTag = 'snapshot/v1';

/**
 * The identity of a snapshot: equal for requests that mean the same thing
 * against the same report revision, different as soon as anything that
 * changes the picture differs.
 *
 * @example
 * const { snapshotId, objectKey } = snapshotIdentity(
 *   parseSnapshotRequest(body),
 *   { version: '3', dataEpoch: '2024-06-01T00:00:00Z' },
 * );
 */
export function snapshotIdentity(
  request: CanonicalRequest,
  revision: ReportRevision,
): SnapshotIdentity {
  const canonical = canonicalText(request, revision);
  const digest = createHash('sha256').update(canonical, 'utf8').digest();
  const snapshotId = `snp_${base32(digest.subarray(0, 20))}`;

  return {
    snapshotId,
    canonical,
    objectKey: objectKey(request, snapshotId),
  };
}

/**
 * JSON of arrays, not objects: the order is written out, so neither key
 * order nor the engine's ordering of integer-like keys can leak in. JSON
 * escapes lone surrogates, so distinct strings stay distinct in UTF-8.
 */
function canonicalText(
  request: CanonicalRequest,
  revision: ReportRevision,
): string {
  const filters = Object.keys(request.filters)
    .sort(byCodeUnit)
    .map((name) => [name, uniqueSorted(request.filters[name] ?? [])]);

  return JSON.stringify([
    formTag,
    request.reportId,
    revision.version,
    revision.dataEpoch,
    request.school,
    request.region,
    filters,
    request.format,
  ]);
}
