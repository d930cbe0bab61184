import type { EmbeddedService } from '@snapshots/embedded-service';
import {
  SnapshotStore,
  type SnapshotStatus,
} from '@snapshots/snapshot-metadata';

/** What a drill found once its jobs were given time to end. */
export interface DrillOutcome {
  drill: string;
  jobs: number;
  ready: number;
  failed: number;
  /** Jobs with no metadata at all. */
  lost: number;
  /** Jobs still PENDING or RENDERING. */
  stuck: number;
  notes: string[];
}

/** One fault drill: it breaks something and reports what became of jobs. */
export interface Drill {
  name: string;
  run(folder: string): Promise<DrillOutcome>;
}

/** Counts the final states of the given snapshots. */
export async function tally(
  service: EmbeddedService,
  drill: string,
  snapshotIds: readonly string[],
  notes: string[] = [],
): Promise<DrillOutcome> {
  const store = new SnapshotStore({
    client: service.clients.dynamodb,
    tableName: service.names.snapshotsTable,
  });
  const counts: Record<SnapshotStatus | 'LOST', number> = {
    PENDING: 0,
    RENDERING: 0,
    READY: 0,
    FAILED: 0,
    LOST: 0,
  };
  for (const snapshotId of snapshotIds) {
    const record = await store.get(snapshotId, { consistent: true });
    counts[record?.status ?? 'LOST'] += 1;
  }
  return {
    drill,
    jobs: snapshotIds.length,
    ready: counts.READY,
    failed: counts.FAILED,
    lost: counts.LOST,
    stuck: counts.PENDING + counts.RENDERING,
    notes,
  };
}
