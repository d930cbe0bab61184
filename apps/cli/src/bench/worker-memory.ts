import { runPublicBatch } from '../flows/public-batch';
import type { Comparison } from './bench-results';
import type { BenchService } from './bench-service';
import { round, secondsSince } from './latency-stats';
import { processTreeMemory, type TreeMemory } from '@snapshots/capture';

interface Sample extends TreeMemory {
  atSeconds: number;
  /** Jobs of the batch that had ended when the sample was taken. */
  done: number;
}

const sampleEveryMs = 500;

/**
 * Memory of one batch worker (its Node process and the Chromium below
 * it) sampled while it renders a batch of every campus: the peak over the
 * first fifth of the captures against the peak over the last fifth. A
 * worker that keeps pages open and changes their parameters must not grow
 * with the captures it has served.
 */
export async function workerMemory(
  bench: BenchService,
  captures: number,
): Promise<Comparison> {
  const started = performance.now();
  const { service } = bench;
  const samples: Sample[] = [];
  let done = 0;
  let sampling = true;
  const workerPids = new Set<number>();

  const sampler = (async () => {
    while (sampling) {
      const group = service.autoScaling.describeGroup(
        service.names.batchWorkers,
      );
      const worker = group?.instances.find(
        (instance) => instance.lifecycleState === 'InService',
      );
      const memory = worker && (await processTreeMemory(worker.pid));
      if (worker && memory) {
        workerPids.add(worker.pid);
        samples.push({ atSeconds: secondsSince(started), done, ...memory });
      }
      await new Promise((resolve) => setTimeout(resolve, sampleEveryMs));
    }
  })();

  let report;
  try {
    report = await runPublicBatch(
      service,
      { reportId: 'campus-overview', jobsPerWorker: captures },
      (progress) => {
        done = progress.ready + progress.failed;
      },
    );
  } finally {
    sampling = false;
    await sampler;
  }

  const window = Math.max(1, Math.round(report.total / 5));
  const peak = (chosen: Sample[]) =>
    Math.max(0, ...chosen.map((sample) => sample.pssMb));
  const first = samples.filter((sample) => sample.done < window);
  const last = samples.filter((sample) => sample.done >= report.total - window);
  const firstPeak = peak(first);
  const lastPeak = peak(last);

  return {
    id: 'worker-memory',
    title: `Worker memory over ${report.total} captures`,
    ours:
      'one batch worker (Node process and its Chromium) rendering a public ' +
      'batch, sampled every 0.5 s from /proc',
    baseline:
      'none run: a page-per-capture browser without recycling would take ' +
      'longer than the whole suite may; only our worker is measured',
    figures: [
      {
        metric: `peak PSS, first ${window} captures`,
        unit: 'MiB',
        ours: firstPeak,
        baseline: null,
        lowerIsBetter: true,
      },
      {
        metric: `peak PSS, last ${window} captures`,
        unit: 'MiB',
        ours: lastPeak,
        baseline: null,
        lowerIsBetter: true,
      },
      {
        metric: 'growth, last over first',
        unit: 'MiB',
        ours: lastPeak - firstPeak,
        baseline: null,
        lowerIsBetter: true,
      },
    ],
    notes: [
      `${report.ready} READY, ${report.failed} FAILED of ${report.total} ` +
        `in ${round(report.durationMs / 1000, 1)} s ` +
        `(${round(report.ready / (report.durationMs / 1000), 2)} captures/s)`,
      `${samples.length} samples (${first.length} in the first window, ` +
        `${last.length} in the last); worker process(es) ${[...workerPids].join(', ')}`,
      'PSS counts pages shared by the browser processes once; summed RSS ' +
        `peaked at ${Math.max(0, ...samples.map((s) => s.rssMb))} MiB`,
    ],
    detail: {
      batchId: report.batchId,
      total: report.total,
      ready: report.ready,
      failed: report.failed,
      window,
      samples,
    },
    seconds: secondsSince(started),
  };
}
