import { parseArgs } from 'node:util';
import { bootEmbeddedService } from '@snapshots/embedded-service';
import { createLogger } from '@snapshots/logging';
import { assertChromiumInstalled } from '../flows/preflight';
import { runPublicBatch } from '../flows/public-batch';
import { quietLogs } from '../flows/quiet-logs';
import { defaultServiceFolder } from '../flows/service-folder';
import { createProgressBar } from '../output/progress';
import type { Command } from './command';
import { countOption, limits, reportOption } from './options';
import { UsageError } from './usage-error';

export const batch: Command = {
  summary:
    'run a public batch for one report (--report ID [--schools a,b] ' +
    '[--json] [--verbose])',

  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        report: { type: 'string' },
        schools: { type: 'string' },
        json: { type: 'boolean', default: false },
        data: { type: 'string', default: defaultServiceFolder },
        campuses: { type: 'string', default: '24' },
        workers: { type: 'string', default: '2' },
        verbose: { type: 'boolean', default: false },
      },
    });
    if (!values.report) throw new UsageError('batch needs --report ID');
    const reportId = reportOption(values.report);
    const campuses = countOption('campuses', values.campuses, limits.campuses);
    const workers = countOption('workers', values.workers, limits.workers);
    assertChromiumInstalled();

    // Stdout carries the progress bar and the summary, or with --json the
    // summary alone; warnings and errors still reach stderr, and
    // --verbose keeps every line.
    const { logger, workerEnvironment } = values.verbose
      ? { logger: createLogger('batch'), workerEnvironment: {} }
      : quietLogs('batch', 'WARN');
    const service = await bootEmbeddedService({
      dataDir: values.data,
      campuses,
      maxBatchWorkers: workers,
      workerEnvironment,
      logger,
    });
    try {
      const bar = values.json ? undefined : createProgressBar(reportId);
      const report = await runPublicBatch(
        service,
        {
          reportId,
          schools: values.schools?.split(',').map((id) => id.trim()),
          jobsPerWorker: 12,
        },
        (p) => bar?.update({ done: p.ready, failed: p.failed, total: p.total }),
      );
      bar?.stop();

      if (values.json) {
        process.stdout.write(JSON.stringify(report, null, 2) + '\n');
      } else {
        process.stdout.write(
          `batch ${report.batchId} ${report.status}: ${report.ready} READY, ` +
            `${report.failed} FAILED, ${report.skipped} already READY, ` +
            `${(report.durationMs / 1000).toFixed(1)} s\n`,
        );
      }
      return report.failed === 0 ? 0 : 1;
    } finally {
      await service.stop();
    }
  },
};
