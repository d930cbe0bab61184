import {
  parseSnapshotRequest,
  snapshotIdentity,
} from '@snapshots/snapshot-keys';
import type { EnsureInput } from '../src';

/** The ensure input of a school's report, one per `school`. */
export function aSnapshot(
  school: string,
  batchId?: string,
  reportId = 'campus-overview',
): EnsureInput {
  const request = parseSnapshotRequest({ reportId, school });
  const revision = { version: '1', dataEpoch: 'epoch-1' };
  const identity = snapshotIdentity(request, revision);
  return {
    snapshotId: identity.snapshotId,
    reportId: request.reportId,
    request,
    reportVersion: revision.version,
    dataEpoch: revision.dataEpoch,
    objectKey: identity.objectKey,
    ...(batchId !== undefined && { batchId }),
  };
}

/** A clock the test moves by hand. */
export function manualClock(start = 1_700_000_000_000) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}
