import type { Comparison } from './bench-results';
import type { BenchService } from './bench-service';
import type { BenchSizes } from './bench-sizes';
import { percentile, round, secondsSince } from './latency-stats';
import { postSnapshot, requestUntilSettled } from './snapshot-client';

const reportId = 'trends';
const filters = { measure: ['attendance', 'enrolment'] };

/**
 * Latency of a private request over the local HTTP API: the same request
 * again and again once its snapshot is READY, against requests that each
 * need a fresh render (a new campus each), one after another with the
 * private worker already running. The first request of all starts the
 * private worker from zero; it is reported apart.
 */
export async function privateLatency(
  bench: BenchService,
  schools: string[],
  sizes: Pick<BenchSizes, 'readyRequests' | 'freshRequests'>,
): Promise<Comparison> {
  const started = performance.now();
  const { api, token } = bench;
  const [first, ...others] = schools;
  if (!first || others.length < sizes.freshRequests) {
    throw new Error('too few campuses for the latency comparison');
  }

  const cold = await requestUntilSettled(api.url, token, reportId, {
    school: first,
    filters,
  });

  const ready: number[] = [];
  let notReady = 0;
  for (let i = 0; i < sizes.readyRequests; i++) {
    const answer = await postSnapshot(api.url, token, reportId, {
      school: first,
      filters,
    });
    if (answer.snapshotStatus === 'READY') ready.push(answer.ms);
    else notReady++;
  }

  const fresh: number[] = [];
  const freshStatuses: string[] = [];
  for (const school of others.slice(0, sizes.freshRequests)) {
    const run = await requestUntilSettled(api.url, token, reportId, {
      school,
      filters,
    });
    fresh.push(run.ms);
    freshStatuses.push(run.finalStatus);
  }

  const ms = (values: number[], share: number) =>
    round(percentile(values, share), 1);
  return {
    id: 'private-latency',
    title: 'Private request latency',
    ours:
      'POST for a snapshot that is READY: answered at once with a ' +
      'pre-signed URL',
    baseline:
      'POST for a snapshot that must be rendered, then polled every 100 ms ' +
      'until READY (private worker already running)',
    figures: [
      {
        metric: 'p50 latency',
        unit: 'ms',
        ours: ms(ready, 0.5),
        baseline: ms(fresh, 0.5),
        lowerIsBetter: true,
      },
      {
        metric: 'p99 latency',
        unit: 'ms',
        ours: ms(ready, 0.99),
        baseline: ms(fresh, 0.99),
        lowerIsBetter: true,
      },
    ],
    notes: [
      `${ready.length} READY requests (${notReady} not READY), ` +
        `${fresh.length} fresh renders, one at a time over HTTP on loopback`,
      `p99 of ${fresh.length} fresh renders is their slowest`,
      'polling every 100 ms; a client that waits the retryAfterSeconds the ' +
        'API suggests sees the fresh render up to that much later',
      `first request, private worker started from zero: ` +
        `${Math.round(cold.ms)} ms (${cold.finalStatus})`,
    ],
    detail: {
      reportId,
      filters,
      readyMs: ready.map((value) => round(value, 1)),
      freshMs: fresh.map((value) => round(value, 1)),
      freshStatuses,
      notReady,
      coldStartMs: Math.round(cold.ms),
      coldStartStatus: cold.finalStatus,
    },
    seconds: secondsSince(started),
  };
}
