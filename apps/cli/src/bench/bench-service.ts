import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  mintToken,
  startApiServer,
  type ApiServer,
} from '@snapshots/api-server';
import {
  bootEmbeddedService,
  type EmbeddedService,
} from '@snapshots/embedded-service';
import { quietLogs } from '../flows/quiet-logs';

export interface BenchService {
  service: EmbeddedService;
  api: ApiServer;
  /** A token whose scope covers every campus of the service. */
  token: string;
  stop(): Promise<void>;
}

/**
 * The whole service on this machine, fresh: the embedded stack with its
 * worker groups (one batch worker at most, so that one worker's memory is
 * what the worker comparison sees) and the HTTP API in front of it.
 */
export async function startBenchService(
  folder: string,
  campuses: number,
): Promise<BenchService> {
  const dataDir = join(folder, 'service');
  await rm(dataDir, { recursive: true, force: true });
  // The workers keep their logs: their files are where renders are
  // counted.
  const { logger, workerEnvironment } = quietLogs('bench', 'ERROR');

  const service = await bootEmbeddedService({
    dataDir,
    campuses,
    maxBatchWorkers: 1,
    workerEnvironment,
    logger,
  });
  try {
    const api = await startApiServer({
      environment: service.environment,
      logger,
    });
    const schools = (
      await service.datasets.listCampuses({ limit: campuses })
    ).map((campus) => campus.schoolId);
    const token = await mintToken({ schools });
    return {
      service,
      api,
      token,
      stop: async () => {
        await api.stop();
        await service.stop();
      },
    };
  } catch (error) {
    await service.stop();
    throw error;
  }
}
