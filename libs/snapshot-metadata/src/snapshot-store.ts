import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { CanonicalRequest } from '@snapshots/snapshot-keys';
import { attempt, documentClient, perform } from './document-client';
import {
  AlreadyReadyError,
  ContentionError,
  InvalidTransitionError,
  LeaseHeldError,
  MetadataError,
  MetadataStoreError,
  NotLeaseHolderError,
  SnapshotNotFoundError,
} from './metadata-error';
import {
  decodeCursor,
  encodeCursor,
  pageLimit,
  type Page,
} from './page-cursor';
import {
  snapshotItemSchema,
  snapshotStatuses,
  type SnapshotRecord,
  type SnapshotStatus,
} from './snapshot-record';
import { tableDesign } from './table-design';
import { conditionalUpdate, type Change } from './update-expression';

export type EnsureOutcome = 'created' | 'reset' | 'joined' | 'ready';

export interface EnsureInput {
  snapshotId: string;
  reportId: string;
  request: CanonicalRequest;
  reportVersion: string;
  dataEpoch: string;
  objectKey: string;
  batchId?: string;
}

export interface RenderResult {
  objectKey: string;
  sizeBytes: number;
  contentType: string;
  renderMs: number;
}

export interface RecordPage {
  records: SnapshotRecord[];
  cursor?: string;
}

export interface SnapshotStoreOptions {
  client: DynamoDBClient;
  tableName: string;
  /** Epoch milliseconds; tests hand in a clock they move. */
  clock?: () => number;
  /** How long a record is kept after its last change (TTL). */
  retentionDays?: number;
}

// Conditions of the lifecycle. Every write carries one, so two writers
// racing for one record can never both win: there is no read-then-write.
const conditions = {
  absent: 'attribute_not_exists(#snapshotId)',
  resettable:
    '#status = :failed OR (#status = :rendering AND #leaseExpiresAt <= :now)',
  pending: '#status = :pending',
  leaseRanOut: '#status = :rendering AND #leaseExpiresAt <= :now',
  leaseHolder: '#status = :rendering AND #leaseOwner = :owner',
  unfinished: 'attribute_exists(#snapshotId) AND #status <> :ready',
};

const statusValues = {
  ':pending': 'PENDING',
  ':rendering': 'RENDERING',
  ':ready': 'READY',
  ':failed': 'FAILED',
} satisfies Record<string, SnapshotStatus>;

const lease = ['leaseOwner', 'leaseExpiresAt'];
// A transition loses its race only when another writer changed the record
// in between; a few rounds settle any real contention.
const maxRounds = 5;
const maxReasonLength = 1000;

/**
 * The lifecycle of snapshot metadata in DynamoDB:
 * `PENDING → RENDERING → READY | FAILED`, with a lease on RENDERING so that
 * one worker renders one identity at a time across the fleet.
 *
 * Only conditional writes change a record, and when one is refused a
 * strongly consistent read explains why; nothing is decided from a read
 * and then written. dynalite has no transactions, and none are needed.
 */
export class SnapshotStore {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #clock: () => number;
  readonly #retentionMs: number;

  constructor(options: SnapshotStoreOptions) {
    this.#db = documentClient(options.client);
    this.#table = options.tableName;
    this.#clock = options.clock ?? Date.now;
    this.#retentionMs = (options.retentionDays ?? 30) * 86_400_000;
  }

  /**
   * Makes sure work exists for an identity: creates it PENDING, resets a
   * FAILED one or one whose lease ran out, or joins work under way.
   * `outcome` tells the caller whether it must start the work (`created`,
   * `reset`) or not (`joined`, `ready`).
   */
  async ensure(
    input: EnsureInput,
  ): Promise<{ record: SnapshotRecord; outcome: EnsureOutcome }> {
    for (let round = 0; round < maxRounds; round++) {
      const created = await this.#create(input);
      if (created) return { record: created, outcome: 'created' };

      const reset = await this.#update(
        'reset',
        input.snapshotId,
        {
          set: { status: 'PENDING', batchId: input.batchId, ...this.#touch() },
          raiseAttempt: true,
          remove: [...lease, 'failureReason'],
        },
        conditions.resettable,
        { ':now': this.#clock() },
      );
      if (reset) return { record: reset, outcome: 'reset' };

      const current = await this.get(input.snapshotId, { consistent: true });
      if (!current) continue;
      if (current.status === 'READY') {
        return { record: current, outcome: 'ready' };
      }
      if (!this.#resettable(current)) {
        return { record: current, outcome: 'joined' };
      }
    }
    throw new ContentionError(input.snapshotId);
  }

  /**
   * Takes the lease on a PENDING snapshot, or on one whose lease ran out
   * (raising its attempt), and marks it RENDERING.
   *
   * @throws LeaseHeldError while another worker holds a live lease.
   * @throws AlreadyReadyError, InvalidTransitionError, SnapshotNotFoundError
   */
  async claim(
    snapshotId: string,
    owner: string,
    leaseMs: number,
  ): Promise<SnapshotRecord> {
    checkLease(leaseMs);
    for (let round = 0; round < maxRounds; round++) {
      const change = (raiseAttempt: boolean): Change => ({
        set: {
          status: 'RENDERING',
          leaseOwner: owner,
          leaseExpiresAt: this.#clock() + leaseMs,
          ...this.#touch(),
        },
        raiseAttempt,
      });
      const claimed =
        (await this.#update(
          'claim',
          snapshotId,
          change(false),
          conditions.pending,
        )) ??
        (await this.#update(
          'claim',
          snapshotId,
          change(true),
          conditions.leaseRanOut,
          { ':now': this.#clock() },
        ));
      if (claimed) return claimed;

      const current = await this.#require(snapshotId);
      if (current.status === 'RENDERING' && !this.#leaseRanOut(current)) {
        throw new LeaseHeldError(
          snapshotId,
          current.leaseOwner,
          current.leaseExpiresAt,
        );
      }
      if (current.status === 'READY') {
        throw new AlreadyReadyError(snapshotId, 'claim');
      }
      if (current.status === 'FAILED') {
        throw new InvalidTransitionError(snapshotId, 'claim', current.status);
      }
    }
    throw new ContentionError(snapshotId);
  }

  /** Moves the lease's end to `leaseMs` from now. Only the holder may. */
  async extendLease(
    snapshotId: string,
    owner: string,
    leaseMs: number,
  ): Promise<void> {
    checkLease(leaseMs);
    await this.#asHolder('extend the lease of', snapshotId, owner, {
      set: { leaseExpiresAt: this.#clock() + leaseMs, ...this.#touch() },
    });
  }

  /** Gives the work back (RENDERING → PENDING), e.g. when draining. */
  async release(snapshotId: string, owner: string): Promise<void> {
    await this.#asHolder('release', snapshotId, owner, {
      set: { status: 'PENDING', ...this.#touch() },
      remove: lease,
    });
  }

  /** Records a stored snapshot: RENDERING → READY, by the lease holder. */
  async markReady(
    snapshotId: string,
    owner: string,
    result: RenderResult,
  ): Promise<SnapshotRecord> {
    return this.#asHolder('mark ready', snapshotId, owner, {
      set: {
        status: 'READY',
        objectKey: result.objectKey,
        sizeBytes: result.sizeBytes,
        contentType: result.contentType,
        renderMs: result.renderMs,
        ...this.#touch(),
      },
      remove: [...lease, 'failureReason'],
    });
  }

  /**
   * Records that the work failed. With `owner`, only the lease holder of
   * a RENDERING snapshot may; without, any state but READY ends FAILED
   * (the last resort of an orchestration that lost its worker).
   */
  async markFailed(
    snapshotId: string,
    reason: string,
    owner?: string,
  ): Promise<SnapshotRecord> {
    const change: Change = {
      set: {
        status: 'FAILED',
        failureReason: reason.slice(0, maxReasonLength),
        ...this.#touch(),
      },
      remove: lease,
    };
    if (owner !== undefined) {
      return this.#asHolder('mark failed', snapshotId, owner, change);
    }

    const failed = await this.#update(
      'mark failed',
      snapshotId,
      change,
      conditions.unfinished,
    );
    if (failed) return failed;
    const current = await this.#require(snapshotId);
    throw new AlreadyReadyError(current.snapshotId, 'mark failed');
  }

  /**
   * One record. Reads are eventually consistent unless `consistent` is
   * set: use it where a decision follows, e.g. before handing out a URL.
   */
  async get(
    snapshotId: string,
    options: { consistent?: boolean } = {},
  ): Promise<SnapshotRecord | undefined> {
    const { Item } = await perform('get', () =>
      this.#db.send(
        new GetCommand({
          TableName: this.#table,
          Key: { snapshotId },
          ConsistentRead: options.consistent ?? false,
        }),
      ),
    );
    return Item ? toRecord(Item) : undefined;
  }

  /**
   * How many snapshots of a batch are in each state. Read from an index,
   * so a change shows up after a short delay (GSIs are never consistent).
   */
  async countByBatch(batchId: string): Promise<Record<SnapshotStatus, number>> {
    const counts = Object.fromEntries(
      snapshotStatuses.map((status) => [status, 0]),
    ) as Record<SnapshotStatus, number>;

    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await perform('count', () =>
        this.#db.send(
          new QueryCommand({
            TableName: this.#table,
            IndexName: tableDesign.snapshots.byBatch.name,
            KeyConditionExpression: '#batchId = :batchId',
            ProjectionExpression: '#status',
            ExpressionAttributeNames: {
              '#batchId': 'batchId',
              '#status': 'status',
            },
            ExpressionAttributeValues: { ':batchId': batchId },
            ExclusiveStartKey: startKey,
          }),
        ),
      );
      for (const item of page.Items ?? []) {
        const status = item.status as SnapshotStatus;
        if (status in counts) counts[status] += 1;
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);

    return counts;
  }

  /** The snapshots of a batch, in snapshot id order. */
  async listByBatch(batchId: string, page?: Page): Promise<RecordPage> {
    const index = tableDesign.snapshots.byBatch;
    return this.#query(index.name, 'batchId', batchId, page, true);
  }

  /** The snapshots of a report, most recently changed first. */
  async listByReport(reportId: string, page?: Page): Promise<RecordPage> {
    const index = tableDesign.snapshots.byReport;
    return this.#query(index.name, 'reportId', reportId, page, false);
  }

  async #create(input: EnsureInput): Promise<SnapshotRecord | undefined> {
    const now = this.#clock();
    const item = {
      ...input,
      status: 'PENDING',
      attempt: 1,
      createdAt: now,
      ...this.#touch(),
    };
    const written = await attempt('create', () =>
      this.#db.send(
        new PutCommand({
          TableName: this.#table,
          Item: item,
          ConditionExpression: conditions.absent,
          ExpressionAttributeNames: { '#snapshotId': 'snapshotId' },
        }),
      ),
    );
    return written ? toRecord(item) : undefined;
  }

  async #update(
    what: string,
    snapshotId: string,
    change: Change,
    condition: string,
    values: Record<string, unknown> = {},
  ): Promise<SnapshotRecord | undefined> {
    const output = await attempt(what, () =>
      this.#db.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { snapshotId },
          ...conditionalUpdate(change, condition, {
            ...statusValues,
            ...values,
          }),
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return output?.Attributes ? toRecord(output.Attributes) : undefined;
  }

  /** A transition only the lease holder of a RENDERING snapshot may make. */
  async #asHolder(
    action: string,
    snapshotId: string,
    owner: string,
    change: Change,
  ): Promise<SnapshotRecord> {
    const updated = await this.#update(
      action,
      snapshotId,
      change,
      conditions.leaseHolder,
      { ':owner': owner },
    );
    if (updated) return updated;

    // The condition failed: a consistent read only explains why.
    const current = await this.#require(snapshotId);
    if (current.status === 'READY') {
      throw new AlreadyReadyError(snapshotId, action);
    }
    if (current.status === 'RENDERING') {
      throw new NotLeaseHolderError(snapshotId, owner, current.leaseOwner);
    }
    throw new InvalidTransitionError(snapshotId, action, current.status);
  }

  async #require(snapshotId: string): Promise<SnapshotRecord> {
    const current = await this.get(snapshotId, { consistent: true });
    if (!current) throw new SnapshotNotFoundError(snapshotId);
    return current;
  }

  async #query(
    indexName: string,
    keyName: 'batchId' | 'reportId',
    keyValue: string,
    page: Page | undefined,
    forward: boolean,
  ): Promise<RecordPage> {
    const limit = pageLimit(page);
    const cursorAttributes =
      keyName === 'batchId'
        ? ['batchId', 'snapshotId']
        : ['reportId', 'updatedAt', 'snapshotId'];
    const startKey = decodeCursor(page?.cursor, cursorAttributes, {
      [keyName]: keyValue,
    });

    const output = await perform('query', () =>
      this.#db.send(
        new QueryCommand({
          TableName: this.#table,
          IndexName: indexName,
          KeyConditionExpression: '#key = :key',
          ExpressionAttributeNames: { '#key': keyName },
          ExpressionAttributeValues: { ':key': keyValue },
          Limit: limit,
          ExclusiveStartKey: startKey,
          ScanIndexForward: forward,
        }),
      ),
    );

    return {
      records: (output.Items ?? []).map(toRecord),
      cursor: encodeCursor(
        output.LastEvaluatedKey as Record<string, string | number> | undefined,
      ),
    };
  }

  /** The attributes every write refreshes. */
  #touch(): { updatedAt: number; expiresAt: number } {
    const now = this.#clock();
    return {
      updatedAt: now,
      expiresAt: Math.floor((now + this.#retentionMs) / 1000),
    };
  }

  #leaseRanOut(record: SnapshotRecord): boolean {
    return (record.leaseExpiresAt ?? 0) <= this.#clock();
  }

  #resettable(record: SnapshotRecord): boolean {
    return (
      record.status === 'FAILED' ||
      (record.status === 'RENDERING' && this.#leaseRanOut(record))
    );
  }
}

function checkLease(leaseMs: number): void {
  if (!Number.isInteger(leaseMs) || leaseMs <= 0) {
    throw new MetadataError(`a lease must last a positive number of ms`);
  }
}

function toRecord(item: Record<string, unknown>): SnapshotRecord {
  const result = snapshotItemSchema.safeParse(item);
  if (!result.success) {
    throw new MetadataStoreError(
      `item ${String(item.snapshotId)} is not a snapshot record`,
      { cause: result.error },
    );
  }
  return result.data;
}
