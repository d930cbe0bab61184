import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '@snapshots/embedded-service';

/** An event from `events/`, the ones `sam local invoke` is given. */
export function sampleEvent<T = Record<string, unknown>>(name: string): T {
  const text = readFileSync(join(workspaceRoot, 'events', name), 'utf8');
  return JSON.parse(text) as T;
}

/**
 * Runs `invoke` with the variables a function's template entry gives it
 * set from `values`, as Lambda sets them, and the process's own restored
 * afterwards. A handler reads its settings on first use, so the first
 * call of each handler must come through here.
 */
export async function withFunctionEnvironment<T>(
  variables: readonly string[],
  values: Record<string, string>,
  invoke: () => Promise<T>,
): Promise<T> {
  const saved = { ...process.env };
  for (const name of variables) {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for ${name}`);
    process.env[name] = value;
  }
  try {
    return await invoke();
  } finally {
    process.env = saved;
  }
}
