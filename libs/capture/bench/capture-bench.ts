/**
 * Benchmarks the capture engine against a naive baseline on one dashboard
 * of the local report server, and prints both side by side.
 *
 *   npx tsx libs/capture/bench/capture-bench.ts [--captures 24]
 *     [--concurrency 1,2,3] [--baseline-captures 6] [--sleep-ms 2000]
 *     [--dashboard campus-overview] [--json tmp/capture-bench.json]
 */
import { parseArgs } from 'node:util';

import { openDatasets } from '@snapshots/datasets';
import { createLogger } from '@snapshots/logging';
import { HostAllowList, ReportServerUrls } from '@snapshots/quicksight-url';
import { dashboards, startReportServer } from '@snapshots/report-server';
import { z } from 'zod';

import {
  formatBenchmark,
  runCaptureBenchmark,
  type CaptureBenchmarkOptions,
  type CaptureBenchmarkResults,
} from '../src';

export interface ReportServerBenchmarkOptions extends Omit<
  CaptureBenchmarkOptions,
  'target'
> {
  dashboardId?: string;
  /** Campuses seeded into the in-memory datasets; 24 by default. */
  campuses?: number;
}

/**
 * Runs {@link runCaptureBenchmark} on a report server of its own, over
 * freshly seeded in-memory datasets, and stops it afterwards.
 */
export async function benchmarkOnReportServer(
  options: ReportServerBenchmarkOptions = {},
): Promise<CaptureBenchmarkResults> {
  const dashboardId = options.dashboardId ?? 'campus-overview';
  const dashboard = dashboards.get(dashboardId);
  if (!dashboard) throw new Error(`no dashboard ${dashboardId}`);

  const datasets = await openDatasets('sqlite::memory:');
  const quiet = createLogger('report-server');
  quiet.setLogLevel('ERROR');
  try {
    await datasets.seed({ campuses: options.campuses ?? 24, seed: 1 });
    const server = await startReportServer({
      database: datasets.sequelize,
      logger: quiet,
    });
    try {
      const campuses = await datasets.listCampuses({ limit: 1_000 });
      const parameterSets =
        dashboard.scope === 'region'
          ? [...new Set(campuses.map((c) => c.regionId))].map((id) => ({
              Region: [id],
            }))
          : campuses.map((campus) => ({ School: [campus.schoolId] }));
      const urls = new ReportServerUrls({ baseUrl: server.url });

      return await runCaptureBenchmark({
        ...options,
        target: {
          dashboardId,
          expectedVisuals: dashboard.visuals.length,
          allowList: new HostAllowList([server.url]),
          parameterSets,
          url: (parameters) => urls.embedUrl({ dashboardId }, parameters),
        },
      });
    } finally {
      await server.stop();
    }
  } finally {
    await datasets.close();
  }
}

const positive = z.coerce.number().int().positive();
const argsSchema = z.object({
  captures: positive.default(24),
  concurrency: z
    .string()
    .default('1,2,3')
    .transform((list) => list.split(',').map(Number))
    .pipe(z.array(z.number().int().min(1).max(16)).min(1)),
  'baseline-captures': positive.default(6),
  'sleep-ms': z.coerce.number().int().min(0).default(2_000),
  dashboard: z.string().default('campus-overview'),
  json: z.string().optional(),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      captures: { type: 'string' },
      concurrency: { type: 'string' },
      'baseline-captures': { type: 'string' },
      'sleep-ms': { type: 'string' },
      dashboard: { type: 'string' },
      json: { type: 'string' },
    },
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      console.error(`--${issue.path.join('.')}: ${issue.message}`);
    }
    process.exitCode = 2;
    return;
  }

  const args = parsed.data;
  const results = await benchmarkOnReportServer({
    dashboardId: args.dashboard,
    captures: args.captures,
    concurrencies: args.concurrency,
    baselineCaptures: args['baseline-captures'],
    baselineSleepMs: args['sleep-ms'],
    outputPath: args.json,
    onRun: (run) =>
      console.error(
        `finished: ${run.name}, ${run.concurrency} slot(s): ` +
          `${run.capturesPerSecond} captures/s`,
      ),
  });
  console.log(formatBenchmark(results));
  if (args.json) console.log(`results written to ${args.json}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
