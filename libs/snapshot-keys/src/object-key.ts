import type { CanonicalRequest } from './snapshot-request';

const segmentLength = 64;

/**
 * Where a snapshot lives in the bucket:
 * `snapshots/<reportId>/<scope>/<snapshotId>.<format>`, with scope
 * `school-<id>`, `region-<id>` or `all`. The snapshot id makes the key
 * unique; the other parts are there for a person browsing the bucket.
 */
export function objectKey(
  request: CanonicalRequest,
  snapshotId: string,
): string {
  return [
    'snapshots',
    safeSegment(request.reportId),
    scopeSegment(request),
    `${safeSegment(snapshotId)}.${request.format === 'pdf' ? 'pdf' : 'png'}`,
  ].join('/');
}

// A school sits inside a region, so a request naming both is filed under
// its school.
function scopeSegment(request: CanonicalRequest): string {
  if (request.school !== null) return `school-${safeSegment(request.school)}`;
  if (request.region !== null) return `region-${safeSegment(request.region)}`;
  return 'all';
}

/**
 * Keeps letters, digits, `_` and `-`; every other run of characters becomes
 * one `_`. Parsed requests never contain such characters, but a key is built
 * from whatever it is handed, so it is made safe here too: no `/`, no `..`,
 * nothing S3 or a URL would rewrite.
 */
export function safeSegment(text: string): string {
  const safe = text.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, segmentLength);
  return safe || '_';
}
