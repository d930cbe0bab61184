import { createHash } from 'node:crypto';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { SnapshotJob } from '@snapshots/snapshot-jobs';
import type { RenderResult, SnapshotObjects } from './ports';

export interface S3SnapshotObjectsOptions {
  s3: S3Client;
  bucket: string;
  /** SSE-KMS with this key; SSE-S3 (AES256) when absent. */
  kmsKeyId?: string;
}

// A snapshot key names one identity, and the identity includes the report
// version and data epoch: the bytes under a key never change. They are
// only ever read through short-lived pre-signed URLs, hence `private`.
const CACHE_CONTROL = 'private, max-age=31536000, immutable';

/** Snapshots as S3 objects, checked end to end with SHA-256. */
export class S3SnapshotObjects implements SnapshotObjects {
  constructor(private readonly options: S3SnapshotObjectsOptions) {}

  async put(
    job: SnapshotJob,
    result: RenderResult,
  ): Promise<{ sizeBytes: number }> {
    const { s3, bucket, kmsKeyId } = this.options;
    // Given up front, the checksum travels as a header and S3 refuses
    // bytes that arrive different from what was rendered.
    const checksum = createHash('sha256').update(result.body).digest('base64');

    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: job.objectKey,
        Body: result.body,
        ContentLength: result.body.length,
        ContentType: result.contentType,
        CacheControl: CACHE_CONTROL,
        ChecksumAlgorithm: 'SHA256',
        ChecksumSHA256: checksum,
        ...(kmsKeyId
          ? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: kmsKeyId }
          : { ServerSideEncryption: 'AES256' }),
        Metadata: {
          'snapshot-id': job.snapshotId,
          'report-id': job.reportId,
          'report-version': job.reportVersion,
          'data-epoch': job.dataEpoch,
        },
      }),
    );
    return { sizeBytes: result.body.length };
  }
}
