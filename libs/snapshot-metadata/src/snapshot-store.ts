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
  AttemptSupersededError,
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
import {
  abandoned,
  conditions,
  leaseRanOut,
  resettable,
  statusValues,
} from './snapshot-lifecycle';
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
  /**
   * Epoch ms after which the work counts as abandoned, should nobody then
   * hold a live lease on it: late enough for whoever starts the work to
   * end it READY or FAILED. Without it the work has no deadline, which
   * suits only a caller that claims it at once.
   */
  deadline?: number;
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

const lease = ['leaseOwner', 'leaseExpiresAt'];
// A transition loses its race only when another writer changed the record
// in between; a few rounds settle any real contention.
const maxRounds = 5;
const maxReasonLength = 1000;

/**
 * The lifecycle of snapshot metadata in DynamoDB:
 * `PENDING → RENDERING → READY | FAILED`, with a lease on RENDERING so that
 * one worker renders one identity at a time across the fleet, and a
 * deadline on unfinished work so that work whose starter died is ended or
 * taken over instead of waited on for ever.
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
   * FAILED one, one whose lease ran out or a PENDING one past its
   * deadline, or joins work under way. `outcome` tells the caller whether
   * it must start the work (`created`, `reset`) or not (`joined`,
   * `ready`).
   */
  async ensure(
    input: EnsureInput,
  ): Promise<{ record: SnapshotRecord; outcome: EnsureOutcome }> {
    const { deadline } = input;
    if (deadline !== undefined && !Number.isSafeInteger(deadline)) {
      throw new MetadataError('a deadline must be an epoch ms integer');
    }

    for (let round = 0; round < maxRounds; round++) {
      const created = await this.#create(input);
      if (created) return { record: created, outcome: 'created' };

      const reset = await this.#update(
        'reset',
        input.snapshotId,
        {
          set: {
            status: 'PENDING',
            batchId: input.batchId,
            deadline,
            ...this.#touch(),
          },
          raiseAttempt: true,
          remove: [
            ...lease,
            'failureReason',
            // The work of a starter that gave no deadline has none.
            ...(deadline === undefined ? ['deadline'] : []),
          ],
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
      if (!resettable(current, this.#clock())) {
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
    checkDuration('a lease', leaseMs);
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
      if (
        current.status === 'RENDERING' &&
        !leaseRanOut(current, this.#clock())
      ) {
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
    checkDuration('a lease', leaseMs);
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
      remove: [...lease, 'failureReason', 'deadline'],
    });
  }

  /** Records that the work failed: RENDERING → FAILED, by the holder. */
  async markFailed(
    snapshotId: string,
    reason: string,
    owner: string,
  ): Promise<SnapshotRecord> {
    return this.#asHolder(
      'mark failed',
      snapshotId,
      owner,
      this.#failure(reason),
    );
  }

  /**
   * Ends one attempt FAILED for whoever started it without rendering it
   * itself (the private state machine, a batch): only while the record is
   * still at `attempt`, and never under a live lease, since a live holder
   * ends its work itself. A FAILED or READY record stays as it is.
   *
   * @throws AttemptSupersededError when the work was started over since.
   * @throws LeaseHeldError while a worker holds a live lease.
   * @throws AlreadyReadyError, InvalidTransitionError (already FAILED),
   *   SnapshotNotFoundError
   */
  async markAttemptFailed(
    snapshotId: string,
    attempt: number,
    reason: string,
  ): Promise<SnapshotRecord> {
    for (let round = 0; round < maxRounds; round++) {
      const failed = await this.#update(
        'mark failed',
        snapshotId,
        this.#failure(reason),
        conditions.attemptUnattended,
        { ':attempt': attempt, ':now': this.#clock() },
      );
      if (failed) return failed;

      const current = await this.#require(snapshotId);
      if (current.status === 'READY') {
        throw new AlreadyReadyError(snapshotId, 'mark failed');
      }
      if (current.attempt !== attempt) {
        throw new AttemptSupersededError(snapshotId, attempt, current.attempt);
      }
      if (current.status === 'FAILED') {
        throw new InvalidTransitionError(snapshotId, 'mark failed', 'FAILED');
      }
      if (
        current.status === 'RENDERING' &&
        !leaseRanOut(current, this.#clock())
      ) {
        throw new LeaseHeldError(
          snapshotId,
          current.leaseOwner,
          current.leaseExpiresAt,
        );
      }
    }
    throw new ContentionError(snapshotId);
  }

  /**
   * Ends work FAILED that is past its deadline with nobody at work on it:
   * whoever started it is gone (a killed process, a stopped execution)
   * and nothing else would end it. Within its deadline, under a live
   * lease or already ended, the record is left as it is and returned.
   *
   * @throws SnapshotNotFoundError
   */
  async abandon(
    snapshotId: string,
    reason: string,
  ): Promise<{ record: SnapshotRecord; abandoned: boolean }> {
    const ended = await this.#update(
      'abandon',
      snapshotId,
      this.#failure(reason),
      conditions.abandoned,
      { ':now': this.#clock() },
    );
    if (ended) return { record: ended, abandoned: true };

    return { record: await this.#require(snapshotId), abandoned: false };
  }

  /**
   * Whether `abandon` would end this record now, judged from a read: a
   * caller that only polls need not write while the work is alive.
   */
  isAbandoned(record: SnapshotRecord): boolean {
    return abandoned(record, this.#clock());
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

  /** FAILED with its reason; the lease and the deadline end with it. */
  #failure(reason: string): Change {
    return {
      set: {
        status: 'FAILED',
        failureReason: reason.slice(0, maxReasonLength),
        ...this.#touch(),
      },
      remove: [...lease, 'deadline'],
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
}

function checkDuration(what: string, ms: number): void {
  if (!Number.isInteger(ms) || ms <= 0) {
    throw new MetadataError(`${what} must last a positive number of ms`);
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
