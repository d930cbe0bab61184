import { join } from 'node:path';
import { startDynamoDb, type RunningService } from './start-dynamodb';
import { startS3AndSqs } from './start-s3-sqs';

export interface LocalStackOptions {
  /** Keep data here across restarts; in memory when absent. */
  dataDir?: string;
  region?: string;
}

export interface LocalStack {
  region: string;
  endpoints: { dynamodb: string; s3: string; sqs: string };
  /**
   * The standard variables that point the AWS SDK at this stack. Hand them
   * to a child process, or assign them to `process.env`.
   */
  environment: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts local stand-ins for DynamoDB, S3 and SQS on free loopback ports.
 *
 * @example
 * const stack = await startLocalStack({ dataDir: 'tmp/stack' });
 * Object.assign(process.env, stack.environment);
 * // ... real SDK clients now talk to the stand-ins
 * await stack.stop();
 */
export async function startLocalStack(
  options: LocalStackOptions = {},
): Promise<LocalStack> {
  const region = options.region ?? 'us-east-1';
  const folder = (name: string) =>
    options.dataDir ? join(options.dataDir, name) : undefined;

  const dynamodb = await startDynamoDb(folder('dynamodb'));
  let s3AndSqs: RunningService;
  try {
    s3AndSqs = await startS3AndSqs(folder('s3-sqs'), region);
  } catch (error) {
    await dynamodb.stop();
    throw error;
  }

  const endpoints = {
    dynamodb: dynamodb.endpoint,
    s3: s3AndSqs.endpoint,
    sqs: s3AndSqs.endpoint,
  };
  return {
    region,
    endpoints,
    environment: {
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
      AWS_ENDPOINT_URL_S3: endpoints.s3,
      AWS_ENDPOINT_URL_SQS: endpoints.sqs,
      S3_FORCE_PATH_STYLE: 'true',
    },
    stop: async () => {
      await Promise.all([dynamodb.stop(), s3AndSqs.stop()]);
    },
  };
}
