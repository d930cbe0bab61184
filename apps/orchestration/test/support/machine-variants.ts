import {
  batchStateMachine,
  privateStateMachine,
  type EmbeddedService,
  type StateMachineWiring,
} from '@snapshots/embedded-service';
import type { TaskHandler } from '@snapshots/local-stack';
import { createLogger } from '@snapshots/logging';

/** A state of an ASL definition, as far as a variant changes it. */
type AslState = Record<string, unknown>;

export interface Variant {
  /** The variant's state machine name, unique in the service. */
  name: string;
  /** Changes states of the parsed ASL in place (timers, for example). */
  states?: (states: Record<string, AslState>) => void;
  /**
   * Task handlers to use in place of the service's, by state name; each
   * gets the service's own handler to call on to.
   */
  handlers?: Record<string, (original: TaskHandler) => TaskHandler>;
}

/**
 * Registers a copy of one of the service's state machines, from the same
 * ASL file and bound to the same code, changed only as the variant says,
 * under an ARN of its own; answers that ARN. The service's own machines
 * stay as they are for the other tests.
 */
export function registerVariant(
  service: EmbeddedService,
  machine: 'batch' | 'private',
  variant: Variant,
): string {
  const wiring: StateMachineWiring = {
    clients: service.clients,
    datasets: service.datasets,
    batchQueueUrl: service.queues.batchQueueUrl,
    privateQueueUrl: service.queues.privateQueueUrl,
    logger: quietLogger(),
  };
  const base =
    machine === 'batch'
      ? batchStateMachine(wiring)
      : privateStateMachine(wiring);

  const definition = JSON.parse(base.definition) as {
    States: Record<string, AslState>;
  };
  variant.states?.(definition.States);
  const handlers = { ...base.handlers };
  for (const [state, wrap] of Object.entries(variant.handlers ?? {})) {
    const original = handlers[state];
    if (!original) throw new Error(`${machine} has no Task ${state}`);
    handlers[state] = wrap(original);
  }

  return service.stepFunctions.registerStateMachine({
    ...base,
    arn: base.arn.replace(/:[^:]+$/, `:${variant.name}`),
    definition: JSON.stringify(definition),
    handlers,
  });
}

/** A fault a test puts into a step; no Retry of the ASL names it. */
export class InjectedFault extends Error {
  override name = 'InjectedFault';
}

function quietLogger() {
  const logger = createLogger('machine-variant');
  logger.setLogLevel('ERROR');
  return logger;
}
