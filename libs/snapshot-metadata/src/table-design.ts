import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The key schema of both tables, as TABLES.md describes it and
 * template.yaml declares it. Change all three together.
 */
export const tableDesign = {
  snapshots: {
    partitionKey: 'snapshotId',
    byBatch: {
      name: 'byBatch',
      partitionKey: 'batchId',
      sortKey: 'snapshotId',
    },
    byReport: {
      name: 'byReport',
      partitionKey: 'reportId',
      sortKey: 'updatedAt',
    },
    /** Epoch seconds after which DynamoDB may delete the item. */
    ttlAttribute: 'expiresAt',
    /** Batch records share the table under this key prefix. */
    batchKeyPrefix: 'batch#',
  },
  campuses: { partitionKey: 'schoolId' },
} as const;

const { snapshots, campuses } = tableDesign;

export function snapshotsTableInput(
  tableName: string,
): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [{ AttributeName: snapshots.partitionKey, KeyType: 'HASH' }],
    AttributeDefinitions: [
      { AttributeName: 'snapshotId', AttributeType: 'S' },
      { AttributeName: 'batchId', AttributeType: 'S' },
      { AttributeName: 'reportId', AttributeType: 'S' },
      { AttributeName: 'updatedAt', AttributeType: 'N' },
    ],
    GlobalSecondaryIndexes: [snapshots.byBatch, snapshots.byReport].map(
      (index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
          { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
        ],
        Projection: { ProjectionType: 'ALL' as const },
      }),
    ),
  };
}

export function campusesTableInput(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [{ AttributeName: campuses.partitionKey, KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'schoolId', AttributeType: 'S' }],
  };
}
