import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { MetadataStoreError } from './metadata-error';

/** A document client over the caller's client; it does not own it. */
export function documentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
}

/**
 * Runs a DynamoDB call, translating its failures into ours. A conditional
 * write whose condition does not hold answers `undefined`: for a state
 * machine that is an answer, not a failure.
 */
export async function attempt<T>(
  what: string,
  call: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw new MetadataStoreError(`dynamodb ${what} failed`, { cause: error });
  }
}

/** Like `attempt`, for calls that carry no condition. */
export async function perform<T>(
  what: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new MetadataStoreError(`dynamodb ${what} failed`, { cause: error });
  }
}
