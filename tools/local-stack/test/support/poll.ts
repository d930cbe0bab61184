/**
 * Reads until `done` holds, then returns the last reading. Fails with the
 * last reading after `timeoutMs`, which is generous: the machine is shared.
 */
export async function pollUntil<T>(
  read: () => Promise<T> | T,
  done: (value: T) => boolean,
  { timeoutMs = 30_000, intervalMs = 50 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(
        `still waiting after ${timeoutMs} ms: ${String(JSON.stringify(value))}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
