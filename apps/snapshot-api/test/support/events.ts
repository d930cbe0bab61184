import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiEvent } from '@snapshots/snapshot-service';
import { workspaceRoot } from './private-stack';

/** An event from `events/`, the ones `sam local invoke` is given. */
export function sampleEvent<T = ApiEvent>(name: string): T {
  const text = readFileSync(join(workspaceRoot, 'events', name), 'utf8');
  return JSON.parse(text) as T;
}
