import { capturesInLogs } from '@snapshots/embedded-service';
import type { Comparison } from './bench-results';
import type { BenchService } from './bench-service';
import { secondsSince } from './latency-stats';
import { postSnapshot, untilSettled } from './snapshot-client';

const reportId = 'trends';

/**
 * Renders caused by identical requests that arrive together for a
 * snapshot nobody has yet. The service renders one identity once; the
 * baseline is a service that renders on every request that finds no
 * finished snapshot, so its renders are counted, not assumed: the
 * requests that were answered without a READY snapshot.
 */
export async function singleFlight(
  bench: BenchService,
  school: string,
  requests: number,
): Promise<Comparison> {
  const started = performance.now();
  const { api, token, service } = bench;
  const request = { school, filters: { measure: ['attendance'] } };

  const answers = await Promise.all(
    Array.from({ length: requests }, () =>
      postSnapshot(api.url, token, reportId, request),
    ),
  );
  const ids = [...new Set(answers.map((answer) => answer.snapshotId))];
  const snapshotId = ids[0] ?? '';
  const finalStatus = await untilSettled(api.url, token, snapshotId, {
    pollMs: 100,
    timeoutMs: 180_000,
  });
  const allServedMs = Math.round(performance.now() - started);

  const captures = await capturesInLogs(service.logDir, snapshotId);
  const withoutReady = answers.filter(
    (answer) => answer.snapshotStatus !== 'READY',
  ).length;
  const statuses: Record<string, number> = {};
  for (const answer of answers) {
    const key = `${answer.status} ${answer.snapshotStatus}`;
    statuses[key] = (statuses[key] ?? 0) + 1;
  }

  return {
    id: 'single-flight',
    title: `Renders for ${requests} concurrent identical requests`,
    ours:
      'captures the workers logged for the snapshot (one identity, one ' +
      'render: a conditional write claims it)',
    baseline:
      'a service that renders per request: one render for each request ' +
      'answered without a READY snapshot (counted, not assumed)',
    figures: [
      {
        metric: 'renders',
        unit: '',
        ours: captures.finished + captures.failed,
        baseline: withoutReady,
        lowerIsBetter: true,
      },
    ],
    notes: [
      `${requests} POSTs sent at once; ${ids.length} snapshot id(s) ` +
        `answered; final status ${finalStatus}`,
      `answers: ${Object.entries(statuses)
        .map(([key, count]) => `${count} x ${key}`)
        .join(', ')}`,
      `all ${requests} callers could fetch the picture ${allServedMs} ms ` +
        'after the first request',
    ],
    detail: {
      reportId,
      request,
      snapshotIds: ids,
      finalStatus,
      statuses,
      capturesFinished: captures.finished,
      capturesFailed: captures.failed,
      answeredWithoutReady: withoutReady,
      allServedMs,
    },
    seconds: secondsSince(started),
  };
}
