import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoBatchLock } from '@snapshots/batch';
import {
  bootEmbeddedService,
  type EmbeddedService,
} from '@snapshots/embedded-service';
import { spawnLocalStack } from '@snapshots/local-stack';
import { createLogger } from '@snapshots/logging';
import { batchRecords, idleWorker } from './support/batch-service';

let folder: string;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'service-restart-'));
});

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

function boot(): Promise<EmbeddedService> {
  const logger = createLogger('service-restart-test');
  logger.setLogLevel('ERROR');
  return bootEmbeddedService({
    dataDir: folder,
    campuses: 4,
    launchBatchWorker: idleWorker,
    launchPrivateWorker: idleWorker,
    logger,
    startStack: (dataDir) => spawnLocalStack({ dataDir }),
  });
}

function batchLock(service: EmbeddedService): DynamoBatchLock {
  return new DynamoBatchLock(
    service.clients.dynamodb,
    service.names.snapshotsTable,
  );
}

describe('the embedded service restarted on its folder', () => {
  it('frees the worker group a batch held when the service stopped', async () => {
    // Its executions ran in the stopped process: none of them goes on.
    const before = await boot();
    try {
      await batchRecords(before).start({
        batchId: 'stopped-mid-batch',
        reportId: 'campus-overview',
        startedAt: Date.now(),
      });
      await batchLock(before).take({
        batchId: 'stopped-mid-batch',
        reportId: 'campus-overview',
        staleAt: Date.now() + 3_600_000,
      });
      expect((await batchLock(before).holder())?.batchId).toBe(
        'stopped-mid-batch',
      );
    } finally {
      await before.stop();
    }

    const after = await boot();
    try {
      expect(await batchLock(after).holder()).toBeUndefined();
      // The rest of the table came through the restart as it was.
      expect(await batchRecords(after).get('stopped-mid-batch')).toMatchObject({
        status: 'RUNNING',
      });
    } finally {
      await after.stop();
    }
  }, 120_000);
});
