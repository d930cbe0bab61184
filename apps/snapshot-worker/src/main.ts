import { ConfigError } from '@snapshots/config';
import { createLogger } from '@snapshots/logging';
import {
  readWorkerSettings,
  SERVICE_NAME,
  startWorker,
  type WorkerSettings,
} from '@snapshots/snapshot-worker-runtime';

/**
 * The snapshot worker of one EC2 instance: renders jobs from the queues
 * until SIGTERM (scale-in), then drains and exits 0. Nothing it holds is
 * lost if it is killed instead: unfinished jobs come back to the queue.
 */
async function main(): Promise<void> {
  let settings: WorkerSettings;
  try {
    settings = readWorkerSettings();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`snapshot-worker: ${error.message}\n`);
    process.exit(2);
  }

  const logger = createLogger(SERVICE_NAME, {
    workerId: settings.workerId,
    pid: process.pid,
  });
  const worker = await startWorker(settings, { logger });

  const stop = (signal: NodeJS.Signals) => {
    logger.info('signal received', { signal });
    worker.stop().catch((error: unknown) => {
      logger.error('worker stop failed', { error: error as Error });
      process.exit(1);
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);

  await worker.done;
  process.exit(0);
}

main().catch((error: unknown) => {
  const reason = error instanceof Error ? error.stack : String(error);
  process.stderr.write(`snapshot-worker: ${reason}\n`);
  process.exit(1);
});
