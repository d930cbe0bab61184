/**
 * Plans and enqueues one batch in a process of its own, so that the peak
 * memory it reports is the planner's alone and not that of the stand-ins,
 * and prints what it measured as one JSON line on stdout.
 *
 *   npx tsx libs/batch/bench/plan-bench.ts --mode paged|naive
 *     --report campus-overview --batch-id b1 --queue-url URL
 *     --datasets-url sqlite:tmp/bench/datasets.sqlite [--sample 5000]
 *
 * The stand-ins' endpoints come from AWS_ENDPOINT_URL_* as everywhere.
 */
import { parseArgs } from 'node:util';

import { createClients, destroyClients } from '@snapshots/aws-clients';
import { openDatasets } from '@snapshots/datasets';
import { createLogger } from '@snapshots/logging';
import { z } from 'zod';

import { naiveRun } from './naive-run';
import { pagedRun, type PlanRunInput } from './paged-run';
import { withPeakMemory } from './peak-memory';
import { countSqsCalls } from './sqs-call-counter';

const argsSchema = z.object({
  mode: z.enum(['paged', 'naive']),
  report: z.string().min(1),
  'batch-id': z.string().min(1),
  'queue-url': z.url(),
  'datasets-url': z.string().min(1),
  'snapshots-table': z.string().default('snapshots'),
  'campuses-table': z.string().default('campuses'),
  sample: z.coerce.number().int().positive().default(5_000),
});

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: Object.fromEntries(
      Object.keys(argsSchema.shape).map((name) => [name, { type: 'string' }]),
    ),
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      process.stderr.write(`--${issue.path.join('.')}: ${issue.message}\n`);
    }
    return 2;
  }
  const args = parsed.data;

  const logger = createLogger('plan-bench');
  logger.setLogLevel('WARN');
  const clients = createClients();
  const sqsCalls = countSqsCalls(clients.sqs);
  const datasets = await openDatasets(args['datasets-url']);
  try {
    const input: PlanRunInput = {
      clients,
      datasets,
      snapshotsTable: args['snapshots-table'],
      campusesTable: args['campuses-table'],
      queueUrl: args['queue-url'],
      reportId: args.report,
      batchId: args['batch-id'],
      logger,
    };
    const started = performance.now();
    const { result, memory } = await withPeakMemory<object>(() =>
      args.mode === 'paged' ? pagedRun(input) : naiveRun(input, args.sample),
    );
    const seconds = (performance.now() - started) / 1000;

    process.stdout.write(
      JSON.stringify({
        mode: args.mode,
        seconds: Math.round(seconds * 100) / 100,
        ...result,
        memory,
        sqsCalls,
      }) + '\n',
    );
    return 0;
  } finally {
    await datasets.close();
    destroyClients(clients);
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`plan-bench: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
