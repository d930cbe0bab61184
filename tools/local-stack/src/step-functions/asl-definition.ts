import { z } from 'zod';

/**
 * The parts of an Amazon States Language state that the adapter reads.
 * Everything else is left to `aws-local-stepfunctions`, which validates the
 * whole definition.
 */
export interface AslState {
  Type: string;
  Resource?: string;
  TimeoutSeconds?: number;
  TimeoutSecondsPath?: string;
  HeartbeatSeconds?: number;
  Retry?: unknown[];
  ItemProcessor?: AslMachine;
  Iterator?: AslMachine;
  Branches?: AslMachine[];
  [field: string]: unknown;
}

export interface AslMachine {
  StartAt: string;
  States: Record<string, AslState>;
  [field: string]: unknown;
}

const stateShape: z.ZodType<AslState> = z.looseObject({
  Type: z.string(),
  Resource: z.string().optional(),
  TimeoutSeconds: z.number().optional(),
  TimeoutSecondsPath: z.string().optional(),
  HeartbeatSeconds: z.number().int().positive().optional(),
  Retry: z.array(z.unknown()).optional(),
  get ItemProcessor() {
    return machineShape.optional();
  },
  get Iterator() {
    return machineShape.optional();
  },
  get Branches() {
    return z.array(machineShape).optional();
  },
});

const machineShape: z.ZodType<AslMachine> = z.looseObject({
  StartAt: z.string(),
  States: z.record(z.string(), stateShape),
});

/**
 * Replaces `${Name}` placeholders the way CloudFormation's
 * `DefinitionSubstitutions` does: as plain text, before the JSON is read.
 * Returns the names that had no value, so the caller can refuse them.
 */
export function substitutePlaceholders(
  text: string,
  substitutions: Record<string, string>,
): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const replaced = text.replace(
    /\$\{([A-Za-z0-9_]+)\}/g,
    (placeholder, name: string) => {
      const value = substitutions[name];
      if (value === undefined) missing.add(name);
      return value ?? placeholder;
    },
  );
  return { text: replaced, missing: [...missing] };
}

/** Reads ASL JSON text; throws with the first problem found. */
export function parseAsl(text: string): AslMachine {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON: ${(error as Error).message}`);
  }
  const parsed = machineShape.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `not a state machine at ${issue?.path.join('.') || '(root)'}: ` +
        (issue?.message ?? 'invalid'),
    );
  }
  return parsed.data;
}

/**
 * Every state of a machine, including those inside Map iterators and
 * Parallel branches. ASL requires names unique across the whole machine,
 * which is what lets per-name task handlers and overrides work.
 */
export function* allStates(
  machine: AslMachine,
): Generator<[name: string, state: AslState]> {
  for (const [name, state] of Object.entries(machine.States)) {
    yield [name, state];
    const nested = state.ItemProcessor ?? state.Iterator;
    if (nested) yield* allStates(nested);
    for (const branch of state.Branches ?? []) yield* allStates(branch);
  }
}

/** Whether a Task state pauses until its task token is sent back. */
export function waitsForTaskToken(state: AslState): boolean {
  return (
    state.Type === 'Task' &&
    (state.Resource?.endsWith('.waitForTaskToken') ?? false)
  );
}
