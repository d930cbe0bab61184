import type { S3Client } from '@aws-sdk/client-s3';
import {
  maxLinkSeconds,
  presignSnapshot,
  type SnapshotLink,
} from '@snapshots/presigner';
import type { SnapshotRecord } from '@snapshots/snapshot-metadata';

export { maxLinkSeconds, type SnapshotLink };

const contentTypes = { png: 'image/png', pdf: 'application/pdf' } as const;

/**
 * Hands out short-lived GET links to stored snapshots, with the content
 * type and a file name a browser shows inline.
 */
export class SnapshotLinks {
  constructor(
    private readonly options: {
      s3: S3Client;
      bucket: string;
      ttlSeconds: number;
    },
  ) {}

  link(record: SnapshotRecord): Promise<SnapshotLink> {
    const { format } = record.request;
    return presignSnapshot(this.options.s3, {
      bucket: this.options.bucket,
      objectKey: record.objectKey,
      contentType: record.contentType ?? contentTypes[format],
      fileName: fileName(record),
      expiresInSeconds: Math.min(this.options.ttlSeconds, maxLinkSeconds),
    });
  }
}

/** e.g. `campus-overview-s-00001.png`; ids are already filename-safe. */
function fileName(record: SnapshotRecord): string {
  const { request } = record;
  const scope = [request.school, request.region].filter(Boolean).join('-');
  const stem = scope ? `${record.reportId}-${scope}` : record.reportId;
  return `${stem}.${request.format}`;
}
