import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { BatchError } from '../batch-error';
import { mapConcurrent } from '../map-concurrent';
import type { CampusDirectory } from '../ports';

// DynamoDB reads at most 100 keys in one BatchGetItem call.
const keysPerCall = 100;
const maxRounds = 8;

const campusReports = z.object({
  schoolId: z.string(),
  reports: z.array(z.string()),
});

/**
 * Reads which public reports each campus of a page gets from the campuses
 * table (items `{ schoolId, regionId, name, reports }`, as CampusStore
 * writes them), a hundred campuses per BatchGetItem call.
 *
 * Shortcoming: this reads the campus items itself because CampusStore has
 * no read of many campuses at once; it goes away when CampusStore offers
 * one (getMany), and the planner then takes that instead.
 */
export class DynamoCampusDirectory implements CampusDirectory {
  readonly #db: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.#db = DynamoDBDocumentClient.from(client);
  }

  async reportsOf(
    schoolIds: readonly string[],
  ): Promise<Map<string, string[]>> {
    const unique = [...new Set(schoolIds)];
    const chunks: string[][] = [];
    for (let i = 0; i < unique.length; i += keysPerCall) {
      chunks.push(unique.slice(i, i + keysPerCall));
    }

    const found = new Map<string, string[]>();
    await mapConcurrent(chunks, 4, async (chunk) => {
      for (const item of await this.#read(chunk)) {
        const campus = campusReports.safeParse(item);
        if (!campus.success) {
          throw new BatchError(
            `campus item ${String(item.schoolId)} has no list of reports`,
            { cause: campus.error },
          );
        }
        found.set(campus.data.schoolId, campus.data.reports);
      }
    });
    return found;
  }

  /** One chunk, sending again the keys DynamoDB left unprocessed. */
  async #read(schoolIds: string[]): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let keys: Record<string, unknown>[] = schoolIds.map((schoolId) => ({
      schoolId,
    }));

    for (let round = 0; keys.length > 0; round++) {
      if (round >= maxRounds) {
        throw new BatchError(
          `${keys.length} campus reads were still unprocessed after ${maxRounds} rounds`,
        );
      }
      if (round > 0) await sleep(50 * 2 ** (round - 1));
      const output = await this.#db.send(
        new BatchGetCommand({
          RequestItems: {
            [this.tableName]: {
              Keys: keys,
              ProjectionExpression: 'schoolId, reports',
            },
          },
        }),
      );
      items.push(...(output.Responses?.[this.tableName] ?? []));
      keys = output.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
    }
    return items;
  }
}
