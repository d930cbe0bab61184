import { setTimeout as sleep } from 'node:timers/promises';

export interface SnapshotAnswer {
  status: number;
  body: {
    snapshotId?: string;
    status?: string;
    url?: string;
    expiresAt?: string;
    retryAfterSeconds?: number;
    reason?: string;
    error?: { code: string; message: string };
  };
}

/**
 * Asks the API for a snapshot as a reader's app would: POST the request,
 * then follow `Location` until the snapshot is READY or FAILED.
 */
export async function requestSnapshot(
  apiUrl: string,
  token: string,
  reportId: string,
  request: Record<string, unknown>,
  options: { timeoutMs?: number } = {},
): Promise<SnapshotAnswer & { polls: number }> {
  const headers = {
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
  };
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  const first = await fetch(
    `${apiUrl}/reports/${encodeURIComponent(reportId)}/snapshots`,
    { method: 'POST', headers, body: JSON.stringify(request) },
  );
  let answer = await read(first);
  const location = first.headers.get('location');
  let polls = 0;

  while (answer.status === 202 && location) {
    if (Date.now() > deadline) {
      throw new Error(`snapshot not ready after ${options.timeoutMs} ms`);
    }
    await sleep((answer.body.retryAfterSeconds ?? 1) * 1000);
    answer = await read(await fetch(new URL(location, apiUrl), { headers }));
    polls += 1;
  }
  return { ...answer, polls };
}

async function read(response: Response): Promise<SnapshotAnswer> {
  return {
    status: response.status,
    body: (await response.json()) as SnapshotAnswer['body'],
  };
}
