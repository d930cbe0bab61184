import {
  InvalidRequestError,
  parseSnapshotRequest,
  snapshotIdentity,
  type CanonicalRequest,
} from '@snapshots/snapshot-keys';
import type { z } from 'zod';
import { InvalidJobError, type JobIssue } from './invalid-job-error';
import { snapshotJobSchema, type SnapshotJob } from './snapshot-job';

/**
 * Reads a queue message body into a job, and checks that it is
 * self-consistent: the request is canonical and the snapshot id and object
 * key are the ones its request and revision give. A worker therefore never
 * renders one thing and files it under another's name.
 *
 * @throws InvalidJobError naming every problem with its field path.
 */
export function parseSnapshotJob(body: string): SnapshotJob {
  const json = parseJson(body);
  const result = snapshotJobSchema.safeParse(json);
  if (!result.success) {
    throw new InvalidJobError(result.error.issues.map(toIssue), {
      cause: result.error,
    });
  }

  const issues = consistencyIssues(result.data);
  if (issues.length > 0) throw new InvalidJobError(issues);
  return result.data;
}

/** The message body for a job; `parseSnapshotJob` reads it back. */
export function serializeSnapshotJob(job: SnapshotJob): string {
  return JSON.stringify(snapshotJobSchema.parse(job));
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    throw new InvalidJobError([{ path: '', message: 'is not JSON' }], {
      cause: error,
    });
  }
}

function consistencyIssues(job: SnapshotJob): JobIssue[] {
  const canonical = recanonicalise(job.request);
  if (!canonical.ok) return canonical.issues;
  if (JSON.stringify(canonical.request) !== JSON.stringify(job.request)) {
    return [{ path: 'request', message: 'is not in canonical form' }];
  }

  const issues: JobIssue[] = [];
  if (job.reportId !== job.request.reportId) {
    issues.push({ path: 'reportId', message: 'differs from request.reportId' });
  }
  const identity = snapshotIdentity(job.request, {
    version: job.reportVersion,
    dataEpoch: job.dataEpoch,
  });
  if (identity.snapshotId !== job.snapshotId) {
    issues.push({
      path: 'snapshotId',
      message: 'does not match the request and report revision',
    });
  }
  if (identity.objectKey !== job.objectKey) {
    issues.push({
      path: 'objectKey',
      message: `should be ${identity.objectKey}`,
    });
  }
  return issues;
}

function recanonicalise(
  request: CanonicalRequest,
): { ok: true; request: CanonicalRequest } | { ok: false; issues: JobIssue[] } {
  try {
    return {
      ok: true,
      request: parseSnapshotRequest({
        reportId: request.reportId,
        ...(request.school !== null && { school: request.school }),
        ...(request.region !== null && { region: request.region }),
        filters: request.filters,
        format: request.format,
      }),
    };
  } catch (error) {
    if (!(error instanceof InvalidRequestError)) throw error;
    return {
      ok: false,
      issues: error.issues.map((issue) => ({
        path: issue.path ? `request.${issue.path}` : 'request',
        message: issue.message,
      })),
    };
  }
}

function toIssue(issue: z.core.$ZodIssue): JobIssue {
  const path = issue.path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    return text ? `${text}.${String(segment)}` : String(segment);
  }, '');
  return { path, message: issue.message };
}
