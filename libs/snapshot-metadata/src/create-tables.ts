import {
  CreateTableCommand,
  DynamoDBServiceException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { MetadataStoreError } from './metadata-error';
import {
  campusesTableInput,
  snapshotsTableInput,
  tableDesign,
} from './table-design';

/**
 * Creates the snapshot and campus tables where they are missing, for the
 * local stack and tests; in AWS, template.yaml owns them. Safe to call again.
 */
export async function createTables(
  client: DynamoDBClient,
  names: { snapshots: string; campuses: string },
): Promise<void> {
  await createTable(client, snapshotsTableInput(names.snapshots));
  await createTable(client, campusesTableInput(names.campuses));
  await enableTimeToLive(client, names.snapshots);
}

async function createTable(
  client: DynamoDBClient,
  input: ReturnType<typeof snapshotsTableInput>,
): Promise<void> {
  const tableName = input.TableName ?? '';
  try {
    await client.send(new CreateTableCommand(input));
  } catch (error) {
    if (!isNamed(error, 'ResourceInUseException')) {
      throw new MetadataStoreError(`cannot create table ${tableName}`, {
        cause: error,
      });
    }
  }
  await waitUntilTableExists(
    { client, maxWaitTime: 60, minDelay: 1 },
    { TableName: tableName },
  );
}

async function enableTimeToLive(
  client: DynamoDBClient,
  tableName: string,
): Promise<void> {
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: {
          AttributeName: tableDesign.snapshots.ttlAttribute,
          Enabled: true,
        },
      }),
    );
  } catch (error) {
    // dynalite knows no TTL (expired items simply stay), and DynamoDB
    // refuses to enable a TTL that is already on: both are fine here.
    if (isNamed(error, 'UnknownOperationException')) return;
    if (isNamed(error, 'ValidationException') && /already/i.test(String(error)))
      return;
    throw new MetadataStoreError(`cannot enable TTL on ${tableName}`, {
      cause: error,
    });
  }
}

function isNamed(error: unknown, name: string): boolean {
  return error instanceof DynamoDBServiceException && error.name === name;
}
