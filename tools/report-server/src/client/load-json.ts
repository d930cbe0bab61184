import type { ErrorBody } from '../visual-payload';

/** A data request that failed, with the code the host is told. */
export class LoadFailure extends Error {
  override name = 'LoadFailure';

  constructor(
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

/** GETs JSON; an error answer or a lost connection becomes a LoadFailure. */
export async function loadJson<T>(
  url: string,
  signal: AbortSignal,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { signal });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new LoadFailure('NETWORK_ERROR', 'the report server did not answer');
  }

  const body = (await response.json().catch(() => undefined)) as unknown;
  if (!response.ok) {
    const error = (body as Partial<ErrorBody> | undefined)?.error;
    throw new LoadFailure(
      error?.code ?? 'VISUAL_ERROR',
      error?.message ?? `the report server answered ${response.status}`,
    );
  }
  return body as T;
}
