import { setTimeout as sleep } from 'node:timers/promises';

/** What the API says about a snapshot, or why it refused. */
export interface SnapshotBody {
  snapshotId?: string;
  status?: 'PENDING' | 'RENDERING' | 'READY' | 'FAILED';
  url?: string;
  expiresAt?: string;
  retryAfterSeconds?: number;
  reason?: string;
  error?: { code: string; message: string; details: unknown[] };
  message?: string;
}

export interface Answer {
  status: number;
  headers: Headers;
  /** The parsed JSON body; the raw text under `text` when it is not JSON. */
  body: SnapshotBody & { text?: string };
}

export interface Call {
  method?: string;
  /** Sent as `Authorization: Bearer …`; no header when absent. */
  token?: string;
  /** A string or bytes are sent as they are; anything else as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** One HTTP call to the API, answered in full. */
export async function call(
  apiUrl: string,
  path: string,
  options: Call = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) {
    headers.authorization = `Bearer ${options.token}`;
  }
  let body: string | Blob | undefined;
  if (options.body !== undefined) {
    body =
      typeof options.body === 'string'
        ? options.body
        : options.body instanceof Uint8Array
          ? new Blob([Uint8Array.from(options.body)])
          : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }

  const response = await fetch(`${apiUrl}${path}`, {
    method: options.method ?? 'GET',
    headers,
    body,
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: parse(text),
  };
}

/** `POST /reports/{reportId}/snapshots` */
export function requestSnapshot(
  apiUrl: string,
  token: string,
  reportId: string,
  request: unknown,
): Promise<Answer> {
  return call(apiUrl, `/reports/${encodeURIComponent(reportId)}/snapshots`, {
    method: 'POST',
    token,
    body: request,
  });
}

/**
 * Follows `GET /snapshots/{id}` as a caller would, waiting as each 202
 * says, until the snapshot is READY or FAILED (or the API refuses).
 */
export async function untilSettled(
  apiUrl: string,
  token: string,
  snapshotId: string,
  timeoutMs = 240_000,
): Promise<Answer & { polls: number }> {
  const deadline = Date.now() + timeoutMs;
  for (let polls = 1; ; polls += 1) {
    const answer = await call(apiUrl, `/snapshots/${snapshotId}`, { token });
    if (answer.status !== 202) return { ...answer, polls };
    if (Date.now() > deadline) {
      throw new Error(
        `${snapshotId} still ${answer.body.status} after ${timeoutMs} ms`,
      );
    }
    await sleep((answer.body.retryAfterSeconds ?? 1) * 1000);
  }
}

function parse(text: string): Answer['body'] {
  try {
    return JSON.parse(text) as Answer['body'];
  } catch {
    return { text };
  }
}
