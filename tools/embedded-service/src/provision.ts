import { CreateBucketCommand } from '@aws-sdk/client-s3';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
} from '@aws-sdk/client-sqs';
import type { AwsClients } from '@snapshots/aws-clients';
import { createTables } from '@snapshots/snapshot-metadata';
import { resourceNames as names } from './resource-names';

export interface ProvisionedQueues {
  batchQueueUrl: string;
  batchDeadLetterUrl: string;
  privateQueueUrl: string;
  privateDeadLetterUrl: string;
}

export interface QueueSettings {
  visibilityTimeoutSeconds: number;
  maxReceiveCount: number;
}

/**
 * Creates the tables, the bucket and the job queues with their dead-letter
 * queues, as template.yaml does in AWS. Safe to run on every start: each
 * call finds what a previous start made.
 */
export async function provision(
  clients: AwsClients,
  queues: QueueSettings,
): Promise<ProvisionedQueues> {
  await createTables(clients.dynamodb, {
    snapshots: names.snapshotsTable,
    campuses: names.campusesTable,
  });
  await clients.s3
    .send(new CreateBucketCommand({ Bucket: names.bucket }))
    .catch(ignoreExisting);

  const batch = await queueWithDeadLetters(
    clients,
    names.batchQueue,
    names.batchDeadLetters,
    queues,
  );
  const privateJobs = await queueWithDeadLetters(
    clients,
    names.privateQueue,
    names.privateDeadLetters,
    queues,
  );
  return {
    batchQueueUrl: batch.queueUrl,
    batchDeadLetterUrl: batch.deadLetterUrl,
    privateQueueUrl: privateJobs.queueUrl,
    privateDeadLetterUrl: privateJobs.deadLetterUrl,
  };
}

async function queueWithDeadLetters(
  clients: AwsClients,
  name: string,
  deadLetterName: string,
  settings: QueueSettings,
): Promise<{ queueUrl: string; deadLetterUrl: string }> {
  const dead = await clients.sqs.send(
    new CreateQueueCommand({
      QueueName: deadLetterName,
      Attributes: { MessageRetentionPeriod: '1209600' },
    }),
  );
  const { Attributes } = await clients.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: dead.QueueUrl,
      AttributeNames: ['QueueArn'],
    }),
  );
  const queue = await clients.sqs.send(
    new CreateQueueCommand({
      QueueName: name,
      Attributes: {
        VisibilityTimeout: String(settings.visibilityTimeoutSeconds),
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: Attributes?.QueueArn,
          maxReceiveCount: settings.maxReceiveCount,
        }),
      },
    }),
  );
  return { queueUrl: queue.QueueUrl ?? '', deadLetterUrl: dead.QueueUrl ?? '' };
}

function ignoreExisting(error: unknown): void {
  const name = (error as { name?: string }).name;
  if (name === 'BucketAlreadyOwnedByYou' || name === 'BucketAlreadyExists') {
    return;
  }
  throw error;
}
