import type { AwsClients } from '@snapshots/aws-clients';
import { DynamoBatchLock } from '@snapshots/batch';
import type { Logger } from '@snapshots/logging';
import { resourceNames as names } from './resource-names';

/**
 * Frees the batch worker group from a batch that was running when the
 * service last stopped. The Step Functions stand-in runs in this process,
 * so no execution survives a restart: whatever holds the lock at boot has
 * died, and waiting for its hold to go stale would only keep the next
 * batch out for an hour or more.
 */
export async function releaseLeftoverBatchLock(
  clients: AwsClients,
  logger: Logger,
): Promise<void> {
  const lock = new DynamoBatchLock(clients.dynamodb, names.snapshotsTable);
  const holder = await lock.holder();
  if (!holder) return;

  await lock.release(holder.batchId);
  logger.warn('batch lock of a stopped service released', {
    batchId: holder.batchId,
    reportId: holder.reportId,
  });
}
