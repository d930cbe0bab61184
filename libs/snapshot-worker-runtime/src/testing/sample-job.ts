import type { SnapshotJob } from '@snapshots/snapshot-jobs';
import {
  parseSnapshotRequest,
  snapshotIdentity,
  type SnapshotRequest,
} from '@snapshots/snapshot-keys';

/** A well-formed job for `request`, as the enqueuers write it. */
export function sampleJob(
  request: SnapshotRequest = { reportId: 'campus-overview', school: 's-00001' },
  extra: Partial<Pick<SnapshotJob, 'batchId' | 'taskToken'>> = {},
): SnapshotJob {
  const canonical = parseSnapshotRequest(request);
  const revision = { version: '1', dataEpoch: '2024-06-01T00:00:00.000Z' };
  const identity = snapshotIdentity(canonical, revision);
  return {
    snapshotId: identity.snapshotId,
    reportId: canonical.reportId,
    request: canonical,
    reportVersion: revision.version,
    dataEpoch: revision.dataEpoch,
    objectKey: identity.objectKey,
    attempt: 1,
    enqueuedAt: new Date().toISOString(),
    ...extra,
  };
}
