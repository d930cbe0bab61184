import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  ScanCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import { campusItemSchema, type Campus } from './campus';
import { documentClient, perform } from './document-client';
import { MetadataStoreError } from './metadata-error';
import {
  decodeCursor,
  encodeCursor,
  pageLimit,
  type Page,
} from './page-cursor';

// DynamoDB takes at most 25 writes in one batch.
const writesPerBatch = 25;
const maxWriteRounds = 8;

/** Which campuses exist and which public reports each one gets. */
export class CampusStore {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(options: { client: DynamoDBClient; tableName: string }) {
    this.#db = documentClient(options.client);
    this.#table = options.tableName;
  }

  async put(campus: Campus): Promise<void> {
    await perform('put campus', () =>
      this.#db.send(new PutCommand({ TableName: this.#table, Item: campus })),
    );
  }

  /** Writes many campuses; a later one with the same school id wins. */
  async putMany(campuses: readonly Campus[]): Promise<void> {
    const bySchool = new Map(campuses.map((c) => [c.schoolId, c]));
    const all = [...bySchool.values()];
    for (let start = 0; start < all.length; start += writesPerBatch) {
      await this.#writeBatch(all.slice(start, start + writesPerBatch));
    }
  }

  async get(schoolId: string): Promise<Campus | undefined> {
    const { Item } = await perform('get campus', () =>
      this.#db.send(
        new GetCommand({ TableName: this.#table, Key: { schoolId } }),
      ),
    );
    return Item ? toCampus(Item) : undefined;
  }

  /** One page of campuses, in no particular order. */
  async list(page?: Page): Promise<{ campuses: Campus[]; cursor?: string }> {
    const limit = pageLimit(page);
    const startKey = decodeCursor(page?.cursor, ['schoolId']);

    const output = await perform('list campuses', () =>
      this.#db.send(
        new ScanCommand({
          TableName: this.#table,
          Limit: limit,
          ExclusiveStartKey: startKey,
        }),
      ),
    );

    return {
      campuses: (output.Items ?? []).map(toCampus),
      cursor: encodeCursor(
        output.LastEvaluatedKey as Record<string, string> | undefined,
      ),
    };
  }

  async #writeBatch(campuses: Campus[]): Promise<void> {
    let requests: Record<string, unknown>[] = campuses.map((campus) => ({
      PutRequest: { Item: campus },
    }));

    for (let round = 0; round < maxWriteRounds; round++) {
      const output = await perform('write campuses', () =>
        this.#db.send(
          new BatchWriteCommand({ RequestItems: { [this.#table]: requests } }),
        ),
      );
      requests = output.UnprocessedItems?.[this.#table] ?? [];
      if (requests.length === 0) return;
      // Throttled: back off before sending what was left over.
      await sleep(50 * 2 ** round);
    }
    throw new MetadataStoreError(
      `${requests.length} campuses were still unwritten after ${maxWriteRounds} rounds`,
    );
  }
}

function toCampus(item: Record<string, unknown>): Campus {
  const result = campusItemSchema.safeParse(item);
  if (!result.success) {
    throw new MetadataStoreError(
      `item ${String(item.schoolId)} is not a campus`,
      { cause: result.error },
    );
  }
  return result.data;
}
