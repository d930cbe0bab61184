import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  mintToken,
  startApiServer,
  type ApiServer,
  type LocalClaims,
} from '@snapshots/api-server';
import {
  bootEmbeddedService,
  type EmbeddedService,
  type EmbeddedServiceOptions,
} from '@snapshots/embedded-service';
import { spawnLocalStack } from '@snapshots/local-stack';
import { createLogger } from '@snapshots/logging';
import { SnapshotStore } from '@snapshots/snapshot-metadata';

// Info lines of the API and the stand-ins would bury the test output; the
// workers keep theirs, in their log files, where renders are counted.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';

/** The whole service with the HTTP API in front, for one test file. */
export interface EmbeddedApi {
  service: EmbeddedService;
  /** e.g. `http://127.0.0.1:43121` */
  url: string;
  store: SnapshotStore;
  /** A bearer token the API accepts, granting these claims. */
  token(claims: LocalClaims): Promise<string>;
  /** A bearer token signed with a key the API does not know. */
  foreignToken(claims: LocalClaims): Promise<string>;
}

/**
 * Boots the embedded service (stand-ins, report server, state machines,
 * worker groups of real worker processes) in a folder of its own, and the
 * local API server over it with a signing key of its own, once for the
 * jest file; stops both after it.
 */
export function useEmbeddedApi(
  options: Partial<EmbeddedServiceOptions> = {},
): () => EmbeddedApi {
  let folder: string | undefined;
  let service: EmbeddedService | undefined;
  let api: ApiServer | undefined;
  let ready: EmbeddedApi | undefined;
  const saved = { ...process.env };

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'snapshot-api-'));
    service = await bootEmbeddedService({
      dataDir: folder,
      campuses: 6,
      logger: createLogger('embedded-service'),
      startStack: (dataDir) => spawnLocalStack({ dataDir }),
      ...options,
      workerEnvironment: {
        POWERTOOLS_LOG_LEVEL: 'INFO',
        ...options.workerEnvironment,
      },
    });
    const tokenKey = randomBytes(32);
    api = await startApiServer({
      environment: {
        ...service.environment,
        RETRY_AFTER_SECONDS: '1',
        URL_TTL_SECONDS: '120',
      },
      tokenKey,
      logger: createLogger('api-server'),
    });

    const otherKey = randomBytes(32);
    ready = {
      service,
      url: api.url,
      store: new SnapshotStore({
        client: service.clients.dynamodb,
        tableName: service.names.snapshotsTable,
      }),
      token: (claims) => mintToken(claims, { key: tokenKey }),
      foreignToken: (claims) => mintToken(claims, { key: otherKey }),
    };
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
    await service?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
    process.env = saved;
  }, 120_000);

  return () => {
    if (!ready) throw new Error('the embedded API starts in beforeAll');
    return ready;
  };
}
