import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  batchRecordSchema,
  type BatchRecord,
  type BatchStatus,
} from './batch-record';
import { attempt, documentClient, perform } from './document-client';
import {
  BatchNotFoundError,
  InvalidTransitionError,
  MetadataStoreError,
} from './metadata-error';
import { tableDesign } from './table-design';

const names = {
  '#snapshotId': 'snapshotId',
  '#batch': 'batch',
  '#status': 'status',
};

/**
 * Batch records. They live in the snapshots table under `batch#<id>`, with
 * the batch held in one map attribute: it carries neither `batchId` nor
 * `reportId` at the top level, so it stays out of both indexes.
 */
export class BatchStore {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #clock: () => number;
  readonly #retentionMs: number;

  constructor(options: {
    client: DynamoDBClient;
    tableName: string;
    clock?: () => number;
    retentionDays?: number;
  }) {
    this.#db = documentClient(options.client);
    this.#table = options.tableName;
    this.#clock = options.clock ?? Date.now;
    this.#retentionMs = (options.retentionDays ?? 30) * 86_400_000;
  }

  /**
   * Writes a batch record. Writing one again while it is RUNNING is fine
   * (a retried planner); a finished batch is never overwritten.
   *
   * @throws InvalidTransitionError when the batch has already finished.
   */
  async put(batch: BatchRecord): Promise<void> {
    const written = await attempt('put batch', () =>
      this.#db.send(
        new PutCommand({
          TableName: this.#table,
          Item: {
            snapshotId: key(batch.batchId),
            batch,
            expiresAt: this.#expiresAt(),
          },
          ConditionExpression:
            'attribute_not_exists(#snapshotId) OR #batch.#status = :running',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ':running': 'RUNNING' },
        }),
      ),
    );
    if (written) return;

    const current = await this.#require(batch.batchId);
    throw new InvalidTransitionError(batch.batchId, 'put', current.status);
  }

  async get(
    batchId: string,
    options: { consistent?: boolean } = {},
  ): Promise<BatchRecord | undefined> {
    const { Item } = await perform('get batch', () =>
      this.#db.send(
        new GetCommand({
          TableName: this.#table,
          Key: { snapshotId: key(batchId) },
          ConsistentRead: options.consistent ?? false,
        }),
      ),
    );
    return Item ? toBatch(Item) : undefined;
  }

  /**
   * Ends a RUNNING batch. Finishing it again with the same status answers
   * the record as it is, so a retried step does no harm.
   *
   * @throws InvalidTransitionError when it already ended otherwise.
   * @throws BatchNotFoundError
   */
  async finish(
    batchId: string,
    outcome: {
      status: Exclude<BatchStatus, 'RUNNING'>;
      summary?: Record<string, unknown>;
    },
  ): Promise<BatchRecord> {
    const summary =
      outcome.summary === undefined ? '' : ', #batch.#summary = :summary';
    const output = await attempt('finish batch', () =>
      this.#db.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { snapshotId: key(batchId) },
          UpdateExpression:
            'SET #batch.#status = :status, #batch.#finishedAt = :now, ' +
            `#expiresAt = :expiresAt${summary}`,
          ConditionExpression: '#batch.#status = :running',
          ExpressionAttributeNames: {
            '#batch': 'batch',
            '#status': 'status',
            '#finishedAt': 'finishedAt',
            '#expiresAt': 'expiresAt',
            ...(outcome.summary !== undefined && { '#summary': 'summary' }),
          },
          ExpressionAttributeValues: {
            ':status': outcome.status,
            ':running': 'RUNNING',
            ':now': this.#clock(),
            ':expiresAt': this.#expiresAt(),
            ...(outcome.summary !== undefined && {
              ':summary': outcome.summary,
            }),
          },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    if (output?.Attributes) return toBatch(output.Attributes);

    const current = await this.#require(batchId);
    if (current.status === outcome.status) return current;
    throw new InvalidTransitionError(batchId, 'finish', current.status);
  }

  async #require(batchId: string): Promise<BatchRecord> {
    const current = await this.get(batchId, { consistent: true });
    if (!current) throw new BatchNotFoundError(batchId);
    return current;
  }

  #expiresAt(): number {
    return Math.floor((this.#clock() + this.#retentionMs) / 1000);
  }
}

function key(batchId: string): string {
  return `${tableDesign.snapshots.batchKeyPrefix}${batchId}`;
}

function toBatch(item: Record<string, unknown>): BatchRecord {
  const result = batchRecordSchema.safeParse(item.batch);
  if (!result.success) {
    throw new MetadataStoreError(
      `item ${String(item.snapshotId)} is not a batch record`,
      { cause: result.error },
    );
  }
  return result.data;
}
