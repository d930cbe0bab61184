import type { z } from 'zod';
import { byCodeUnit, uniqueSorted } from './code-unit-order';
import {
  InvalidRequestError,
  type RequestIssue,
} from './invalid-request-error';
import {
  snapshotRequestSchema,
  type ParsedSnapshotRequest,
} from './request-schema';
import type { CanonicalRequest } from './snapshot-request';

/**
 * Parses untrusted input into the canonical form of a snapshot request.
 *
 * @throws InvalidRequestError listing every problem with its field path.
 * @example
 * parseSnapshotRequest({ reportId: 'trends', school: ' s-00001 ',
 *   filters: { measure: ['b', 'a', 'b'] } });
 * // { reportId: 'trends', school: 's-00001', region: null,
 * //   filters: { measure: ['a', 'b'] }, format: 'png' }
 */
export function parseSnapshotRequest(input: unknown): CanonicalRequest {
  const result = snapshotRequestSchema.safeParse(input, {
    reportInput: true,
  });
  if (!result.success) {
    throw new InvalidRequestError(result.error.issues.flatMap(toIssues), {
      cause: result.error,
    });
  }
  return canonicalise(result.data);
}

function canonicalise(request: ParsedSnapshotRequest): CanonicalRequest {
  const filters: Record<string, string[]> = {};
  for (const name of Object.keys(request.filters ?? {}).sort(byCodeUnit)) {
    const value = request.filters?.[name] ?? [];
    const values = typeof value === 'string' ? [value] : value;
    filters[name] = uniqueSorted(values);
  }

  return {
    reportId: request.reportId,
    school: request.school ?? null,
    region: request.region ?? null,
    filters,
    format: request.format,
  };
}

function toIssues(issue: z.core.$ZodIssue): RequestIssue[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: formatPath([...issue.path, key]),
      message: 'is not a known field',
    }));
  }
  if (issue.code === 'invalid_key') {
    return issue.issues.map((inner) => ({
      path: formatPath(issue.path),
      message: `name ${inner.message}`,
    }));
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return [{ path: formatPath(issue.path), message: 'is required' }];
  }
  if (issue.code === 'invalid_type' && issue.path.length === 0) {
    return [{ path: '', message: 'must be a JSON object' }];
  }
  return [{ path: formatPath(issue.path), message: issue.message }];
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    return text ? `${text}.${String(segment)}` : String(segment);
  }, '');
}
