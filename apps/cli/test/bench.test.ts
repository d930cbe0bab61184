import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchResults, Comparison } from '../src/bench/bench-results';
import { runCli, workspaceRoot } from './support/run-cli';

const folder = join(workspaceRoot, 'tmp', 'bench-test');

let results: BenchResults;
let written: string;
let code: number;
let stdout: string;

beforeAll(async () => {
  await rm(folder, { recursive: true, force: true });
  // As a user would run it: `snapshots bench --quick --json`.
  const run = await runCli(['bench', '--quick', '--json', '--dir', folder]);
  code = run.code ?? -1;
  stdout = run.stdout;
  written = await readFile(join(folder, 'results.json'), 'utf8');
  results = JSON.parse(stdout) as BenchResults;
}, 900_000);

const comparison = (id: Comparison['id']): Comparison => {
  const found = results.comparisons.find((c) => c.id === id);
  if (!found) throw new Error(`no comparison ${id}`);
  return found;
};

const figure = (id: Comparison['id'], metric: string) => {
  const found = comparison(id).figures.find((f) => f.metric.includes(metric));
  if (!found) throw new Error(`no figure ${metric} in ${id}`);
  return found;
};

describe('snapshots bench --quick --json', () => {
  it('exits 0 and prints the JSON it writes to the results file', () => {
    expect(code).toBe(0);
    expect(JSON.parse(written)).toEqual(results);
    expect(results.mode).toBe('quick');
    expect(results.machine.cpus).toBeGreaterThan(0);
  });

  it('has every comparison, each with finite figures', () => {
    expect(results.comparisons.map((c) => c.id).sort()).toEqual([
      'capture-throughput',
      'plan-enqueue',
      'private-latency',
      'single-flight',
      'worker-memory',
    ]);
    for (const { figures, ours, baseline } of results.comparisons) {
      expect(ours.length).toBeGreaterThan(0);
      expect(baseline.length).toBeGreaterThan(0);
      expect(figures.length).toBeGreaterThan(0);
      for (const f of figures) {
        expect(Number.isFinite(f.ours)).toBe(true);
        if (f.baseline !== null) expect(Number.isFinite(f.baseline)).toBe(true);
      }
    }
  });

  it('captures with both the engine and the baseline', () => {
    const median = figure('capture-throughput', 'median');
    const p95 = figure('capture-throughput', 'p95');
    expect(median.ours).toBeLessThanOrEqual(p95.ours);
    expect(median.baseline ?? 0).toBeLessThanOrEqual(p95.baseline ?? 0);
    expect(figure('capture-throughput', 'per second').ours).toBeGreaterThan(0);
    expect(figure('capture-throughput', 'per second').baseline).toBeGreaterThan(
      0,
    );
  });

  it('times READY and fresh requests, p50 at most p99', () => {
    const p50 = figure('private-latency', 'p50');
    const p99 = figure('private-latency', 'p99');

    expect(p50.ours).toBeGreaterThan(0);
    expect(p50.ours).toBeLessThanOrEqual(p99.ours);
    expect(p50.baseline ?? 0).toBeGreaterThan(0);
    expect(p50.baseline ?? 0).toBeLessThanOrEqual(p99.baseline ?? 0);
    const detail = comparison('private-latency').detail;
    expect(detail.notReady).toBe(0);
    expect(detail.freshStatuses).toEqual(['READY', 'READY', 'READY']);
  });

  it('counts renders of concurrent identical requests on both sides', () => {
    const renders = figure('single-flight', 'renders');
    const detail = comparison('single-flight').detail;

    expect(detail.snapshotIds).toHaveLength(1);
    expect(detail.finalStatus).toBe('READY');
    expect(renders.ours).toBeGreaterThanOrEqual(1);
    expect(renders.ours).toBeLessThan(renders.baseline ?? 0);
    expect(renders.baseline).toBeLessThanOrEqual(50);
  });

  it('plans and enqueues every campus, and a sample the naive way', () => {
    const detail = comparison('plan-enqueue').detail as {
      campuses: number;
      oursQueued: number;
      naiveQueued: number;
      naive: { jobsSent: number; jobsBuilt: number };
    };

    expect(detail.campuses).toBe(5_000);
    expect(detail.oursQueued).toBe(detail.campuses);
    expect(detail.naiveQueued).toBe(detail.naive.jobsSent);
    expect(detail.naive.jobsBuilt).toBe(detail.campuses);
    expect(figure('plan-enqueue', 'time').ours).toBeGreaterThan(0);
    expect(figure('plan-enqueue', 'peak RSS').baseline).toBeGreaterThan(0);
    expect(figure('plan-enqueue', 'SQS').ours).toBe(detail.campuses / 10);
  });

  it('samples one worker over every capture of its batch', () => {
    const detail = comparison('worker-memory').detail as {
      total: number;
      ready: number;
      samples: { done: number; pssMb: number }[];
    };

    expect(detail.ready).toBe(detail.total);
    expect(detail.samples.length).toBeGreaterThan(2);
    expect(figure('worker-memory', 'first').ours).toBeGreaterThan(0);
    expect(figure('worker-memory', 'last').ours).toBeGreaterThan(0);
  });
});
