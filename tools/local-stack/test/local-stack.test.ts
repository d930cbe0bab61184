import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  CreateBucketCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  CreateQueueCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import {
  createClients,
  destroyClients,
  type AwsClients,
} from '@snapshots/aws-clients';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnLocalStack, useLocalStack } from '../src';

useLocalStack();
let clients: AwsClients;

beforeAll(() => {
  clients = createClients({ s3ForcePathStyle: true });
});
afterAll(() => destroyClients(clients));

describe('the local stack', () => {
  it('refuses a DynamoDB write whose condition fails', async () => {
    await clients.dynamodb.send(
      new CreateTableCommand({
        TableName: 'things',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    const put = () =>
      clients.dynamodb.send(
        new PutItemCommand({
          TableName: 'things',
          Item: { id: { S: 'a' } },
          ConditionExpression: 'attribute_not_exists(id)',
        }),
      );

    await put();
    await expect(put()).rejects.toBeInstanceOf(ConditionalCheckFailedException);

    const { Item } = await clients.dynamodb.send(
      new GetItemCommand({
        TableName: 'things',
        Key: { id: { S: 'a' } },
        ConsistentRead: true,
      }),
    );
    expect(Item).toEqual({ id: { S: 'a' } });
  });

  it('stores and returns S3 objects byte for byte', async () => {
    const body = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 255]);
    await clients.s3.send(new CreateBucketCommand({ Bucket: 'pictures' }));

    await clients.s3.send(
      new PutObjectCommand({ Bucket: 'pictures', Key: 'a/b.png', Body: body }),
    );
    const object = await clients.s3.send(
      new GetObjectCommand({ Bucket: 'pictures', Key: 'a/b.png' }),
    );

    const bytes = await object.Body?.transformToByteArray();
    expect(Buffer.from(bytes ?? [])).toEqual(body);
  });

  it('long-polls SQS and returns a message after its visibility timeout', async () => {
    const { QueueUrl } = await clients.sqs.send(
      new CreateQueueCommand({
        QueueName: 'jobs',
        Attributes: { VisibilityTimeout: '1' },
      }),
    );
    const receive = (wait: number) =>
      clients.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl,
          WaitTimeSeconds: wait,
          MaxNumberOfMessages: 1,
        }),
      );

    const polling = receive(5);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await clients.sqs.send(
      new SendMessageCommand({ QueueUrl, MessageBody: 'job-1' }),
    );
    const first = await polling;
    const hidden = await receive(0);
    const again = await receive(3);

    expect(first.Messages?.[0]?.Body).toBe('job-1');
    expect(hidden.Messages ?? []).toHaveLength(0);
    expect(again.Messages?.[0]?.Body).toBe('job-1');
    expect(again.Messages?.[0]?.Attributes).toBeUndefined();
  });
});

describe('a local stack on a data folder', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'local-stack-data-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  /**
   * SDK clients of one run of the stack. Its ports change from run to
   * run, so the endpoints are given here rather than through process.env,
   * which points at this file's other stack.
   */
  function clientsOf(environment: Record<string, string>) {
    const common = {
      region: environment.AWS_REGION,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    };
    return {
      dynamodb: new DynamoDBClient({
        ...common,
        endpoint: environment.AWS_ENDPOINT_URL_DYNAMODB,
      }),
      s3: new S3Client({
        ...common,
        endpoint: environment.AWS_ENDPOINT_URL_S3,
        forcePathStyle: true,
      }),
      sqs: new SQSClient({
        ...common,
        endpoint: environment.AWS_ENDPOINT_URL_SQS,
        useQueueUrlAsEndpoint: false,
      }),
    };
  }

  async function withStack<T>(
    work: (clients: ReturnType<typeof clientsOf>) => Promise<T>,
  ): Promise<T> {
    const stack = await spawnLocalStack({ dataDir });
    const clients = clientsOf(stack.environment);
    try {
      return await work(clients);
    } finally {
      for (const client of Object.values(clients)) client.destroy();
      await stack.stop();
    }
  }

  it('keeps tables, objects and queued messages across a restart', async () => {
    const picture = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
    await withStack(async ({ dynamodb, s3, sqs }) => {
      await dynamodb.send(
        new CreateTableCommand({
          TableName: 'kept',
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      await dynamodb.send(
        new PutItemCommand({
          TableName: 'kept',
          Item: { id: { S: 'snapshot-1' }, status: { S: 'READY' } },
        }),
      );
      await s3.send(new CreateBucketCommand({ Bucket: 'kept' }));
      await s3.send(
        new PutObjectCommand({
          Bucket: 'kept',
          Key: 'snapshots/1.png',
          Body: picture,
        }),
      );
      const { QueueUrl } = await sqs.send(
        new CreateQueueCommand({ QueueName: 'kept-jobs' }),
      );
      await sqs.send(
        new SendMessageCommand({ QueueUrl, MessageBody: 'job-1' }),
      );
    });

    const after = await withStack(async ({ dynamodb, s3, sqs }) => {
      const { Item } = await dynamodb.send(
        new GetItemCommand({
          TableName: 'kept',
          Key: { id: { S: 'snapshot-1' } },
          ConsistentRead: true,
        }),
      );
      const object = await s3.send(
        new GetObjectCommand({ Bucket: 'kept', Key: 'snapshots/1.png' }),
      );
      const { QueueUrl } = await sqs.send(
        new GetQueueUrlCommand({ QueueName: 'kept-jobs' }),
      );
      const { Messages } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl,
          WaitTimeSeconds: 1,
          MaxNumberOfMessages: 10,
        }),
      );
      return {
        item: Item,
        picture: Buffer.from((await object.Body?.transformToByteArray()) ?? []),
        messages: (Messages ?? []).map((message) => message.Body),
      };
    });

    expect(after).toEqual({
      item: { id: { S: 'snapshot-1' }, status: { S: 'READY' } },
      picture,
      messages: ['job-1'],
    });
  }, 60_000);
});
