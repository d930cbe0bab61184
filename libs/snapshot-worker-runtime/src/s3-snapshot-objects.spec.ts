import { createHash } from 'node:crypto';
import type { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { S3SnapshotObjects } from './s3-snapshot-objects';
import { sampleJob } from './testing/sample-job';

// The local S3 stand-in keeps no server-side encryption setting, so the
// request itself is what can be checked here.
function recordingS3() {
  const sent: PutObjectCommand[] = [];
  const s3 = {
    send: (command: PutObjectCommand) => {
      sent.push(command);
      return Promise.resolve({});
    },
  } as unknown as S3Client;
  return { s3, sent };
}

const png = {
  body: Buffer.from('not really a png'),
  contentType: 'image/png',
  renderMs: 5,
};

describe('S3SnapshotObjects', () => {
  it('stores a snapshot encrypted, immutable, checked and labelled', async () => {
    const { s3, sent } = recordingS3();
    const job = sampleJob();

    const stored = await new S3SnapshotObjects({ s3, bucket: 'b' }).put(
      job,
      png,
    );

    expect(stored).toEqual({ sizeBytes: png.body.length });
    expect(sent.map((command) => command.input)).toEqual([
      expect.objectContaining({
        Bucket: 'b',
        Key: job.objectKey,
        ContentType: 'image/png',
        CacheControl: expect.stringContaining('immutable'),
        ChecksumSHA256: createHash('sha256').update(png.body).digest('base64'),
        ServerSideEncryption: 'AES256',
        Metadata: expect.objectContaining({ 'snapshot-id': job.snapshotId }),
      }),
    ]);
  });

  it('uses the KMS key it is given', async () => {
    const { s3, sent } = recordingS3();

    await new S3SnapshotObjects({ s3, bucket: 'b', kmsKeyId: 'k-1' }).put(
      sampleJob(),
      png,
    );

    expect(sent[0]?.input).toMatchObject({
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: 'k-1',
    });
  });
});
