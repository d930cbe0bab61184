import {
  bootEmbeddedService,
  type EmbeddedService,
  type EmbeddedServiceOptions,
} from '@snapshots/embedded-service';
import { createLogger } from '@snapshots/logging';
import { SnapshotStore } from '@snapshots/snapshot-metadata';
import { setTimeout as sleep } from 'node:timers/promises';

/** Boots a small embedded service for one drill, in its own folder. */
export function bootDrillService(
  dataDir: string,
  options: Partial<EmbeddedServiceOptions> = {},
): Promise<EmbeddedService> {
  return bootEmbeddedService({
    dataDir,
    campuses: 6,
    maxBatchWorkers: 2,
    logger: createLogger('drills', {}),
    ...options,
  });
}

/** Waits until some job of the batch is being rendered. */
export async function untilRendering(
  service: EmbeddedService,
  batchId: string,
  timeoutMs = 120_000,
): Promise<void> {
  const store = new SnapshotStore({
    client: service.clients.dynamodb,
    tableName: service.names.snapshotsTable,
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const counts = await store.countByBatch(batchId);
    if (counts.RENDERING > 0) return;
    await sleep(200);
  }
  throw new Error(`no job of ${batchId} started rendering`);
}

/** The pid of one running batch worker. */
export function oneBatchWorker(service: EmbeddedService): number {
  const group = service.autoScaling.describeGroup(service.names.batchWorkers);
  const worker = group?.instances.find(
    (instance) => instance.lifecycleState === 'InService',
  );
  if (!worker) throw new Error('no batch worker is in service');
  return worker.pid;
}
