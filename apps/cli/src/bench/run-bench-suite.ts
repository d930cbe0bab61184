import { mkdir } from 'node:fs/promises';
import type { BenchResults, Comparison } from './bench-results';
import { startBenchService } from './bench-service';
import type { BenchSizes } from './bench-sizes';
import { captureThroughput } from './capture-throughput';
import { currentLoad, machineInfo } from './machine-info';
import { planEnqueue } from './plan-enqueue';
import { privateLatency } from './private-latency';
import { singleFlight } from './single-flight';
import { workerMemory } from './worker-memory';

export interface SuiteOptions {
  mode: BenchResults['mode'];
  sizes: BenchSizes;
  /** Working folder: stand-in data, datasets, intermediate results. */
  folder: string;
  say: (line: string) => void;
}

/**
 * Runs every comparison, one after another so that none takes the
 * machine from another: the capture engine, then the service over HTTP
 * (latency, single flight, one worker's memory), then planning.
 */
export async function runBenchSuite(
  options: SuiteOptions,
): Promise<BenchResults> {
  const { sizes, folder, say } = options;
  const startedAt = new Date();
  const started = performance.now();
  const machine = machineInfo();
  await mkdir(folder, { recursive: true });
  const comparisons: Comparison[] = [];
  const done = (comparison: Comparison) => {
    comparisons.push(comparison);
    say(`done: ${comparison.title} (${comparison.seconds} s)`);
  };

  say('capture throughput: engine against the naive script ...');
  done(await captureThroughput(sizes.capture, folder, say));

  say(`booting the embedded service with ${sizes.campuses} campuses ...`);
  const bench = await startBenchService(folder, sizes.campuses);
  try {
    const schools = (
      await bench.service.datasets.listCampuses({ limit: sizes.campuses })
    ).map((campus) => campus.schoolId);

    say('private request latency: READY against fresh ...');
    done(await privateLatency(bench, schools, sizes));

    const school = schools[sizes.freshRequests + 1];
    if (!school) throw new Error('too few campuses for single flight');
    say(`single flight: ${sizes.concurrentRequests} identical requests ...`);
    done(await singleFlight(bench, school, sizes.concurrentRequests));

    say(`worker memory: one worker, ${sizes.campuses} captures ...`);
    done(await workerMemory(bench, sizes.campuses));
  } finally {
    await bench.stop();
  }

  say(`plan and enqueue: ${sizes.planCampuses} campuses ...`);
  done(
    await planEnqueue(folder, sizes.planCampuses, sizes.naivePlanSample, say),
  );

  return {
    mode: options.mode,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    seconds: Math.round((performance.now() - started) / 1000),
    machine: { ...machine, loadAtEnd: currentLoad() },
    comparisons,
  };
}
