import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from './stack';

export interface TaskState {
  name: string;
  resource: string;
  parameters: Record<string, unknown>;
  timeoutSeconds?: number;
}

interface States {
  States: Record<string, Record<string, unknown>>;
}

export function aslPath(definitionUri: string): string {
  return join(workspaceRoot, definitionUri);
}

export function aslExists(definitionUri: string): boolean {
  return existsSync(aslPath(definitionUri));
}

export function readAsl(definitionUri: string): { text: string; json: States } {
  const text = readFileSync(aslPath(definitionUri), 'utf8');
  return { text, json: JSON.parse(text) as States };
}

/** Every Task state, inside Map and Parallel states too. */
export function taskStates(machine: States): TaskState[] {
  return Object.entries(machine.States).flatMap(([name, state]) => {
    switch (state.Type) {
      case 'Task':
        return [
          {
            name,
            resource: String(state.Resource),
            parameters: (state.Parameters ?? {}) as Record<string, unknown>,
            timeoutSeconds: state.TimeoutSeconds as number | undefined,
          },
        ];
      case 'Map': {
        const inner = (state.ItemProcessor ?? state.Iterator) as States;
        return taskStates(inner);
      }
      case 'Parallel':
        return (state.Branches as States[]).flatMap(taskStates);
      default:
        return [];
    }
  });
}

/** `${Name}` placeholders that DefinitionSubstitutions fill in. */
export function placeholders(text: string): string[] {
  return [
    ...new Set([...text.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1] ?? '')),
  ];
}
