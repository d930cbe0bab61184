import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createClients, destroyClients } from '@snapshots/aws-clients';
import { queueDepth } from '@snapshots/batch';
import { emptyDataEpoch, openDatasets } from '@snapshots/datasets';
import { startLocalStack } from '@snapshots/local-stack';
import { createTables } from '@snapshots/snapshot-metadata';
import type { Comparison } from './bench-results';
import { round, secondsSince } from './latency-stats';
import { runScript } from './run-script';

const script = 'libs/batch/bench/plan-bench.ts';
const tables = { snapshots: 'snapshots', campuses: 'campuses' };

interface PlanRun {
  mode: 'paged' | 'naive';
  seconds: number;
  campuses: number;
  jobs?: number;
  pages?: number;
  pageSize?: number;
  jobsBuilt?: number;
  jobsSent?: number;
  loadSeconds?: number;
  sendSeconds?: number;
  memory: { startRssMb: number; peakRssMb: number; peakHeapMb: number };
  sqsCalls: Record<string, number>;
}

/**
 * Plans and enqueues a batch of every campus against the local stand-ins
 * (DynamoDB and SQS), each way in a process of its own: the planner page
 * by page, ten jobs per SendMessageBatch call and several calls in flight,
 * against a script that loads every campus into one array and sends one
 * message per call. The naive script sends only a sample; its time for
 * every campus is extrapolated from the sample, its memory is measured.
 */
export async function planEnqueue(
  folder: string,
  campuses: number,
  naiveSample: number,
  say: (line: string) => void,
): Promise<Comparison> {
  const started = performance.now();
  const stackDir = join(folder, 'plan', 'stack');
  await rm(stackDir, { recursive: true, force: true });
  const datasetsUrl = await seededDatasets(folder, campuses, say);

  const stack = await startLocalStack({ dataDir: stackDir });
  Object.assign(process.env, stack.environment);
  const clients = createClients();
  try {
    await createTables(clients.dynamodb, tables);
    const queue = async (name: string) =>
      (await clients.sqs.send(new CreateQueueCommand({ QueueName: name })))
        .QueueUrl ?? '';
    const oursQueue = await queue('plan-bench-paged');
    const naiveQueue = await queue('plan-bench-naive');
    const run = async (mode: PlanRun['mode'], report: string, url: string) => {
      const { stdout } = await runScript(
        script,
        [
          ...[
            '--mode',
            mode,
            '--report',
            report,
            '--batch-id',
            `bench-${mode}`,
          ],
          ...['--queue-url', url, '--datasets-url', datasetsUrl],
          ...['--sample', String(naiveSample)],
        ],
        { environment: stack.environment, onLine: say },
      );
      return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as PlanRun;
    };

    say(`  planner: ${campuses} campuses ...`);
    const ours = await run('paged', 'campus-overview', oursQueue);
    const oursQueued = await queueDepth(clients.sqs, oursQueue);
    say(`  naive: ${naiveSample} of ${campuses} campuses ...`);
    // Another report, so that the naive run creates its snapshots as the
    // planner did rather than finding them pending.
    const naive = await run('naive', 'trends', naiveQueue);
    const naiveQueued = await queueDepth(clients.sqs, naiveQueue);

    return comparison(ours, naive, {
      campuses,
      oursQueued,
      naiveQueued,
      seconds: secondsSince(started),
    });
  } finally {
    destroyClients(clients);
    await stack.stop();
  }
}

/** A datasets file with the campuses, seeded once and kept across runs. */
async function seededDatasets(
  folder: string,
  campuses: number,
  say: (line: string) => void,
): Promise<string> {
  const datasetsDir = join(folder, 'datasets');
  await mkdir(datasetsDir, { recursive: true });
  const url = `sqlite:${join(datasetsDir, `campuses-${campuses}.sqlite`)}`;
  const datasets = await openDatasets(url);
  try {
    if ((await datasets.dataEpoch()) === emptyDataEpoch) {
      say(`  seeding ${campuses} campuses (once; kept for later runs) ...`);
      await datasets.seed({ campuses, years: 1 });
    }
  } finally {
    await datasets.close();
  }
  return url;
}

function comparison(
  ours: PlanRun,
  naive: PlanRun,
  run: {
    campuses: number;
    oursQueued: number;
    naiveQueued: number;
    seconds: number;
  },
): Comparison {
  const sent = naive.jobsSent ?? 0;
  const perJob = sent > 0 ? (naive.sendSeconds ?? 0) / sent : 0;
  const naiveSeconds = round(
    (naive.loadSeconds ?? 0) + perJob * run.campuses,
    1,
  );
  const oursCalls = ours.sqsCalls.SendMessageBatch ?? 0;

  return {
    id: 'plan-enqueue',
    title: `Plan and enqueue ${run.campuses} campuses`,
    ours:
      `planner: pages of ${ours.pageSize} campuses, metadata written ` +
      'PENDING 16 at a time, SendMessageBatch of ten, 8 calls in flight',
    baseline:
      'one array of every campus (Sequelize findAll) and of every job, then ' +
      'per job one metadata write and one SendMessage, one after another',
    figures: [
      {
        metric: 'time',
        unit: 's',
        ours: ours.seconds,
        baseline: naiveSeconds,
        lowerIsBetter: true,
      },
      {
        metric: 'peak RSS of the planning process',
        unit: 'MiB',
        ours: ours.memory.peakRssMb,
        baseline: naive.memory.peakRssMb,
        lowerIsBetter: true,
      },
      {
        metric: 'SQS send calls',
        unit: '',
        ours: oursCalls,
        baseline: run.campuses,
        lowerIsBetter: true,
      },
    ],
    notes: [
      `naive time extrapolated: it sent ${sent} of ${run.campuses} jobs in ` +
        `${naive.sendSeconds} s after loading all in ${naive.loadSeconds} s`,
      'naive memory is measured: it holds every campus and every job, only ' +
        'the sending is cut short',
      `RSS before any work (Node, tsx, the SDK): ${ours.memory.startRssMb} ` +
        `MiB planner, ${naive.memory.startRssMb} MiB naive; peak heap ` +
        `${ours.memory.peakHeapMb} against ${naive.memory.peakHeapMb} MiB`,
      `queued: ${run.oursQueued} by the planner (${ours.jobs} jobs, ` +
        `${ours.pages} pages), ${run.naiveQueued} by the naive run`,
      'each run in its own process against the stand-ins in the bench ' +
        'process; no campus metadata in DynamoDB, so every campus gets ' +
        'every public report',
    ],
    detail: { ours, naive, ...run },
    seconds: run.seconds,
  };
}
