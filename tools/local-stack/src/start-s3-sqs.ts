import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningService } from './start-dynamodb';

/**
 * Starts fauxqs, which speaks both the S3 and the SQS wire protocols on one
 * port. With a folder, queues, messages and objects survive a restart.
 */
export async function startS3AndSqs(
  dataDir: string | undefined,
  region: string,
): Promise<RunningService> {
  // fauxqs ships only as an ES module.
  const { startFauxqs } = await import('fauxqs');

  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const server = await startFauxqs({
    port: 0,
    logger: false,
    defaultRegion: region,
    dataDir,
    s3StorageDir: dataDir ? join(dataDir, 'objects') : undefined,
  });

  return {
    endpoint: `http://127.0.0.1:${server.port}`,
    stop: () => server.stop(),
  };
}
