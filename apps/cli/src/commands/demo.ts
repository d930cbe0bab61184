import { rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { mintToken, startApiServer } from '@snapshots/api-server';
import {
  bootEmbeddedService,
  workspaceRoot,
} from '@snapshots/embedded-service';
import { createLogger, type Logger } from '@snapshots/logging';
import { exportGallery } from '../flows/export-gallery';
import { assertChromiumInstalled } from '../flows/preflight';
import { requestSnapshot } from '../flows/private-request';
import { quietLogs } from '../flows/quiet-logs';
import { runPublicBatch } from '../flows/public-batch';
import { createProgressBar } from '../output/progress';
import type { Command } from './command';
import { countOption, limits } from './options';

const say = (line: string) => process.stdout.write(line + '\n');

export const demo: Command = {
  summary:
    'boot the embedded stack, run a public batch and a private request ' +
    '[--campuses N] [--workers N] [--verbose]',

  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        campuses: { type: 'string', default: '24' },
        workers: { type: 'string', default: '2' },
        data: { type: 'string', default: join(workspaceRoot, 'tmp', 'demo') },
        verbose: { type: 'boolean', default: false },
      },
    });
    const campuses = countOption('campuses', values.campuses, limits.campuses);
    const workers = countOption('workers', values.workers, limits.workers);
    assertChromiumInstalled();
    const dataDir = values.data;
    await rm(dataDir, { recursive: true, force: true });

    // The service's own log lines would tear the progress bar apart;
    // --verbose keeps them.
    const { logger, workerEnvironment } = values.verbose
      ? { logger: createLogger('demo'), workerEnvironment: {} }
      : quietLogs('demo', 'WARN');

    say('booting the embedded stack ...');
    const service = await bootEmbeddedService({
      dataDir,
      campuses,
      maxBatchWorkers: workers,
      workerEnvironment,
      logger,
    });
    try {
      return await runDemo(service, dataDir, workers, logger);
    } finally {
      await service.stop();
    }
  },
};

async function runDemo(
  service: Awaited<ReturnType<typeof bootEmbeddedService>>,
  dataDir: string,
  workers: number,
  logger: Logger,
): Promise<number> {
  const campuses = (await service.datasets.listCampuses({ limit: 10_000 }))
    .length;
  say(`report server at ${service.reportServer.url}, ${campuses} campuses`);

  const bar = createProgressBar('campus-overview');
  const startedAt = Date.now();
  const report = await runPublicBatch(
    service,
    {
      reportId: 'campus-overview',
      jobsPerWorker: Math.max(1, Math.ceil(campuses / workers)),
    },
    (progress) =>
      bar.update({
        done: progress.ready,
        failed: progress.failed,
        total: progress.total,
      }),
  );
  bar.stop();
  const batchSeconds = (Date.now() - startedAt) / 1000;

  const api = await startApiServer({
    environment: service.environment,
    logger,
  });
  const school = report.jobs.find((job) => job.school)?.school ?? 's-00001';
  let privateAnswer;
  try {
    const token = await mintToken({ schools: [school] });
    privateAnswer = await requestSnapshot(api.url, token, 'trends', {
      school,
      filters: { measure: ['attendance', 'enrolment'] },
    });
  } finally {
    await api.stop();
  }

  const privateId = privateAnswer.body.snapshotId;
  const gallery = await exportGallery(service, join(dataDir, 'gallery'), [
    ...report.jobs.map((job) => job.snapshotId),
    ...(privateId ? [privateId] : []),
  ]);

  say('');
  say(
    `public batch ${report.batchId}: ${report.ready} READY, ` +
      `${report.failed} FAILED of ${report.total} in ` +
      `${batchSeconds.toFixed(1)} s ` +
      `(${(report.ready / batchSeconds).toFixed(2)} captures/s)`,
  );
  say(
    `private request trends for ${school}: ` +
      `${privateAnswer.body.status ?? privateAnswer.status} after ` +
      `${privateAnswer.polls} polls`,
  );
  say(`worker logs: ${relative(process.cwd(), service.logDir)}`);
  say(`gallery: ${gallery}`);

  const allGood =
    report.failed === 0 &&
    report.ready === report.total &&
    privateAnswer.body.status === 'READY';
  return allGood ? 0 : 1;
}
