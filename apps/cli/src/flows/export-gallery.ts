import { GetObjectCommand } from '@aws-sdk/client-s3';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { EmbeddedService } from '@snapshots/embedded-service';
import { defaultCatalogue } from '@snapshots/reports';
import { SnapshotStore } from '@snapshots/snapshot-metadata';
import { writeGallery, type GalleryEntry } from '../output/gallery';

/**
 * Copies the pictures of the given snapshots out of the bucket and writes
 * an HTML page that shows each with its campus and parameters. Returns the
 * page's path.
 */
export async function exportGallery(
  service: EmbeddedService,
  folder: string,
  snapshotIds: readonly string[],
): Promise<string> {
  const store = new SnapshotStore({
    client: service.clients.dynamodb,
    tableName: service.names.snapshotsTable,
  });
  await mkdir(join(folder, 'pictures'), { recursive: true });

  const entries: GalleryEntry[] = [];
  for (const snapshotId of snapshotIds) {
    const record = await store.get(snapshotId, { consistent: true });
    if (!record) continue;
    const { request } = record;
    const entry: GalleryEntry = {
      snapshotId,
      title: defaultCatalogue.get(record.reportId)?.title ?? record.reportId,
      caption: describe(request),
      status: record.status === 'READY' ? 'READY' : 'FAILED',
      format: request.format,
      reason: record.failureReason ?? record.status,
    };
    if (record.status === 'READY') {
      const picture = join('pictures', basename(record.objectKey));
      await download(service, record.objectKey, join(folder, picture));
      entry.picture = picture;
    }
    entries.push(entry);
  }

  const page = join(folder, 'index.html');
  await writeGallery(page, 'Snapshots of this run', entries);
  return page;
}

function describe(request: {
  school: string | null;
  region: string | null;
  filters: Record<string, string[]>;
}): string {
  const parts = [
    request.school && `school ${request.school}`,
    request.region && `region ${request.region}`,
    ...Object.entries(request.filters).map(
      ([name, values]) => `${name} = ${values.join(', ')}`,
    ),
  ];
  return parts.filter(Boolean).join(' · ') || 'all campuses';
}

async function download(
  service: EmbeddedService,
  objectKey: string,
  path: string,
): Promise<void> {
  const object = await service.clients.s3.send(
    new GetObjectCommand({ Bucket: service.names.bucket, Key: objectKey }),
  );
  const bytes = await object.Body?.transformToByteArray();
  await writeFile(path, bytes ?? new Uint8Array());
}
