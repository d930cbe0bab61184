import { setTimeout as sleep } from 'node:timers/promises';

export interface TimedAnswer {
  status: number;
  snapshotId: string;
  /** READY, PENDING, RENDERING or FAILED; the HTTP status otherwise. */
  snapshotStatus: string;
  location?: string;
  ms: number;
}

/** Asks the API for a snapshot once, and times the round trip. */
export async function postSnapshot(
  apiUrl: string,
  token: string,
  reportId: string,
  request: Record<string, unknown>,
): Promise<TimedAnswer> {
  const started = performance.now();
  const response = await fetch(
    `${apiUrl}/reports/${encodeURIComponent(reportId)}/snapshots`,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(request),
    },
  );
  const body = (await response.json()) as {
    snapshotId?: string;
    status?: string;
  };
  return {
    status: response.status,
    snapshotId: body.snapshotId ?? '',
    snapshotStatus: body.status ?? String(response.status),
    location: response.headers.get('location') ?? undefined,
    ms: performance.now() - started,
  };
}

/**
 * Polls a snapshot's status until it is READY or FAILED. It polls every
 * `pollMs` rather than after the `retryAfterSeconds` the API suggests, so
 * that the time measured is the service's and not the poll's.
 */
export async function untilSettled(
  apiUrl: string,
  token: string,
  snapshotId: string,
  options: { pollMs: number; timeoutMs: number },
): Promise<string> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const response = await fetch(
      `${apiUrl}/snapshots/${encodeURIComponent(snapshotId)}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    const { status } = (await response.json()) as { status?: string };
    if (status === 'READY' || status === 'FAILED') return status;
    if (Date.now() > deadline) {
      throw new Error(`snapshot ${snapshotId} still ${status} after polling`);
    }
    await sleep(options.pollMs);
  }
}

/** Asks for a snapshot and waits until it has settled; times the whole. */
export async function requestUntilSettled(
  apiUrl: string,
  token: string,
  reportId: string,
  request: Record<string, unknown>,
  options = { pollMs: 100, timeoutMs: 180_000 },
): Promise<{ first: TimedAnswer; finalStatus: string; ms: number }> {
  const started = performance.now();
  const first = await postSnapshot(apiUrl, token, reportId, request);
  const finalStatus =
    first.snapshotStatus === 'READY' || first.snapshotStatus === 'FAILED'
      ? first.snapshotStatus
      : await untilSettled(apiUrl, token, first.snapshotId, options);
  return { first, finalStatus, ms: performance.now() - started };
}
