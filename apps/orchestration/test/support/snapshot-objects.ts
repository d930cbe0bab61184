import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { EmbeddedService } from '@snapshots/embedded-service';
import type { SnapshotRecord } from '@snapshots/snapshot-metadata';
import { snapshotStore } from './batch-service';

/** What the bucket holds under one key, as far as these tests care. */
export interface StoredObject {
  key: string;
  contentType?: string;
  sizeBytes: number;
  lastModified?: number;
  /** True when the bytes start with the PNG signature. */
  png: boolean;
}

const pngSignature = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
]);

/** Reads one object of the snapshot bucket. */
export async function readObject(
  service: EmbeddedService,
  key: string,
): Promise<StoredObject> {
  const object = await service.clients.s3.send(
    new GetObjectCommand({ Bucket: service.names.bucket, Key: key }),
  );
  const bytes = Buffer.from(
    (await object.Body?.transformToByteArray()) ?? new Uint8Array(),
  );
  return {
    key,
    contentType: object.ContentType,
    sizeBytes: bytes.length,
    lastModified: object.LastModified?.getTime(),
    png: bytes.subarray(0, pngSignature.length).equals(pngSignature),
  };
}

/** Every key of the snapshot bucket. */
export async function listObjectKeys(
  service: EmbeddedService,
): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await service.clients.s3.send(
      new ListObjectsV2Command({
        Bucket: service.names.bucket,
        ContinuationToken: token,
      }),
    );
    keys.push(...(page.Contents ?? []).flatMap((item) => item.Key ?? []));
    token = page.NextContinuationToken;
  } while (token);
  return keys.sort();
}

/** Every snapshot record a batch wrote, read through its index. */
export async function recordsOfBatch(
  service: EmbeddedService,
  batchId: string,
): Promise<SnapshotRecord[]> {
  const store = snapshotStore(service);
  const records: SnapshotRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listByBatch(batchId, { limit: 100, cursor });
    records.push(...page.records);
    cursor = page.cursor;
  } while (cursor);
  return records;
}
