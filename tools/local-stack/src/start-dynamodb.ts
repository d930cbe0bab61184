import dynalite from 'dynalite';
import type { AddressInfo } from 'node:net';
import { LocalStackError } from './local-stack-error';

export interface RunningService {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * Starts dynalite, a DynamoDB stand-in on LevelDB, on a free port of the
 * loopback interface. With a folder its tables survive a restart; without
 * one they live in memory.
 */
export async function startDynamoDb(
  dataDir: string | undefined,
): Promise<RunningService> {
  const server = dynalite({
    path: dataDir,
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (cause) =>
      reject(new LocalStackError('dynalite did not start', { cause })),
    );
    server.listen(0, '127.0.0.1', resolve);
  });

  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
