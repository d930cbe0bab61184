import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { BatchAlreadyRunningError, BatchDependencyError } from '../batch-error';
import type { BatchLock, BatchLockHolder } from '../lock/batch-lock';

/**
 * The key of the lock item in the snapshots table. A stack has one batch
 * worker group, and the steps that take and release the lock are not
 * told its name, so the key names the role rather than the group.
 */
export const batchLockKey = 'lock#batch-workers';

const holderSchema = z.object({
  batchId: z.string(),
  reportId: z.string(),
  takenAt: z.number(),
  staleAt: z.number(),
});

const names = {
  '#snapshotId': 'snapshotId',
  '#lock': 'lock',
  '#batchId': 'batchId',
  '#staleAt': 'staleAt',
};

/**
 * The batch lock as one item of the snapshots table, changed only by
 * conditional writes (dynalite has no transactions, and none is needed).
 * The holder sits in a map attribute, so the item carries neither
 * `batchId` nor `reportId` at the top level and stays out of both
 * indexes.
 */
export class DynamoBatchLock implements BatchLock {
  readonly #db: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
    private readonly clock: () => number = Date.now,
  ) {
    this.#db = DynamoDBDocumentClient.from(client);
  }

  async take(
    wanted: Omit<BatchLockHolder, 'takenAt'>,
  ): Promise<{ tookOver?: BatchLockHolder }> {
    // A refusal is explained by one consistent read; a lock released in
    // between is worth one more try.
    for (let attempt = 1; ; attempt++) {
      const holder: BatchLockHolder = { ...wanted, takenAt: this.clock() };
      const written = await this.#put(holder);
      if (written) {
        const before = holderOf(written.previous);
        if (before && before.batchId !== holder.batchId) {
          return { tookOver: before };
        }
        return {};
      }

      const running = await this.holder();
      if (running) throw new BatchAlreadyRunningError(wanted.batchId, running);
      if (attempt >= 2) {
        throw new BatchDependencyError('batch lock take', {
          cause: new Error('the lock item changed under every attempt'),
        });
      }
    }
  }

  async release(batchId: string): Promise<boolean> {
    try {
      await this.#db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { snapshotId: batchLockKey },
          ConditionExpression: '#lock.#batchId = :batchId',
          ExpressionAttributeNames: { '#lock': 'lock', '#batchId': 'batchId' },
          ExpressionAttributeValues: { ':batchId': batchId },
        }),
      );
      return true;
    } catch (error) {
      // Free already, or taken over after this batch went stale.
      if (error instanceof ConditionalCheckFailedException) return false;
      throw new BatchDependencyError('batch lock release', { cause: error });
    }
  }

  /** Writes the lock unless another batch holds it and is not stale. */
  async #put(
    holder: BatchLockHolder,
  ): Promise<{ previous?: Record<string, unknown> } | undefined> {
    try {
      const { Attributes } = await this.#db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { snapshotId: batchLockKey, lock: holder },
          ConditionExpression:
            'attribute_not_exists(#snapshotId) OR ' +
            '#lock.#batchId = :batchId OR #lock.#staleAt < :now',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: {
            ':batchId': holder.batchId,
            ':now': holder.takenAt,
          },
          ReturnValues: 'ALL_OLD',
        }),
      );
      return { previous: Attributes };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw new BatchDependencyError('batch lock take', { cause: error });
    }
  }

  async holder(): Promise<BatchLockHolder | undefined> {
    try {
      const { Item } = await this.#db.send(
        new GetCommand({
          TableName: this.tableName,
          Key: { snapshotId: batchLockKey },
          ConsistentRead: true,
        }),
      );
      return holderOf(Item);
    } catch (error) {
      throw new BatchDependencyError('batch lock read', { cause: error });
    }
  }
}

function holderOf(
  item: Record<string, unknown> | undefined,
): BatchLockHolder | undefined {
  const parsed = holderSchema.safeParse(item?.lock);
  return parsed.success ? parsed.data : undefined;
}
