import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';

export interface ClientOptions {
  region?: string;
  /**
   * Path-style S3 addresses (`host/bucket/key`). Needed by S3 stand-ins that
   * have no wildcard DNS; harmless against real S3.
   */
  s3ForcePathStyle?: boolean;
}

export interface AwsClients {
  dynamodb: DynamoDBClient;
  s3: S3Client;
  sqs: SQSClient;
  sfn: SFNClient;
  autoScaling: AutoScalingClient;
}

/**
 * Builds every AWS SDK client the same way in AWS and on a laptop. Where a
 * client sends its requests is left to the SDK's standard
 * `AWS_ENDPOINT_URL_<SERVICE>` variables, so no code path knows whether it
 * talks to AWS or to a local stand-in.
 */
export function createClients(options: ClientOptions = {}): AwsClients {
  const region = options.region ?? process.env.AWS_REGION ?? 'us-east-1';

  return {
    dynamodb: new DynamoDBClient({ region }),
    s3: new S3Client({
      region,
      forcePathStyle: options.s3ForcePathStyle ?? false,
    }),
    // The queue URL names the queue, the configured endpoint is where it
    // lives: stand-ins hand out URLs whose host does not resolve.
    sqs: new SQSClient({ region, useQueueUrlAsEndpoint: false }),
    sfn: new SFNClient({ region }),
    autoScaling: new AutoScalingClient({ region }),
  };
}

/** Releases the sockets of every client. */
export function destroyClients(clients: AwsClients): void {
  for (const client of Object.values(clients)) {
    (client as { destroy(): void }).destroy();
  }
}
