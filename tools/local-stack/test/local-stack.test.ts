import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  CreateBucketCommand,
  GetObjectCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import {
  CreateQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import {
  createClients,
  destroyClients,
  type AwsClients,
} from '@snapshots/aws-clients';
import { useLocalStack } from '../src';

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
