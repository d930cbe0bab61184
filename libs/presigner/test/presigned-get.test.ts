import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import {
  createClients,
  destroyClients,
  type AwsClients,
} from '@snapshots/aws-clients';
import { useLocalStack } from '@snapshots/local-stack';
import { presignSnapshot } from '../src';

useLocalStack();

const bucket = 'presigner-test';
const objectKey = 'campus-overview/s-00001/abc.png';
const picture = Buffer.from('\x89PNG\r\n\x1a\nnot really a picture');
let clients: AwsClients;

beforeAll(async () => {
  clients = createClients({ s3ForcePathStyle: true });
  await clients.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await clients.s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: objectKey,
      Body: picture,
      ContentType: 'application/octet-stream',
    }),
  );
});

afterAll(() => destroyClients(clients));

it('hands out a link that fetches the stored bytes over HTTP', async () => {
  const link = await presignSnapshot(clients.s3, {
    bucket,
    objectKey,
    contentType: 'image/png',
    fileName: 'campus-overview-s-00001.png',
    expiresInSeconds: 60,
  });

  const response = await fetch(link.url);

  expect(response.status).toBe(200);
  expect(Buffer.from(await response.arrayBuffer())).toEqual(picture);
});

it('points at nothing for a key that was never stored', async () => {
  const link = await presignSnapshot(clients.s3, {
    bucket,
    objectKey: 'campus-overview/s-00001/missing.png',
    contentType: 'image/png',
    fileName: 'missing.png',
    expiresInSeconds: 60,
  });

  const response = await fetch(link.url);

  expect(response.status).toBe(404);
});
