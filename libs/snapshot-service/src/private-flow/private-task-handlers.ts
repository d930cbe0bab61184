import type { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Logger } from '@snapshots/logging';
import type { SnapshotStore } from '@snapshots/snapshot-metadata';
import { z } from 'zod';
import {
  ensurePrivateWorker,
  type PrivateWorkerState,
} from './ensure-private-worker';
import {
  markSnapshotFailed,
  type MarkFailedOutcome,
} from './mark-snapshot-failed';
import { parsePrivateRenderInput } from './private-render-input';
import { sendPrivateJob } from './send-private-job';

/**
 * `dispatch-private`: the first state of a private render. Reads the
 * execution input and makes sure a private worker will be there to take
 * the job.
 */
export function createDispatchPrivateHandler(dependencies: {
  autoScaling: AutoScalingClient;
  privateWorkerGroupName: string;
  logger?: Logger;
}): (event: unknown) => Promise<PrivateWorkerState> {
  return async (event) => {
    const input = parsePrivateRenderInput(event);
    const logger = dependencies.logger?.createChild();
    logger?.appendKeys({
      snapshotId: input.snapshotId,
      attempt: input.attempt,
    });
    return ensurePrivateWorker(
      dependencies.autoScaling,
      dependencies.privateWorkerGroupName,
      logger,
    );
  };
}

const markFailedEvent = z.looseObject({
  snapshotId: z.string().min(1),
  // The attempt this execution started: a newer one is not its to fail.
  attempt: z.number().int().positive(),
  failure: z
    .looseObject({ Error: z.string().optional(), Cause: z.string().optional() })
    .optional(),
});

/**
 * `mark-failed`: the final Catch of a render. Takes the state with the
 * caught failure under `failure` and ends the execution's attempt FAILED.
 */
export function createMarkFailedHandler(dependencies: {
  store: SnapshotStore;
  logger?: Logger;
}): (event: unknown) => Promise<MarkFailedOutcome> {
  return async (event) => {
    const input = markFailedEvent.parse(event);
    return markSnapshotFailed(dependencies.store, input, dependencies.logger);
  };
}

export interface PrivateTaskDependencies {
  autoScaling: AutoScalingClient;
  sqs: SQSClient;
  store: SnapshotStore;
  privateWorkerGroupName: string;
  logger?: Logger;
}

/** A task of a state machine run locally, bound by its state's name. */
export type LocalTaskHandler = (input: unknown) => Promise<unknown>;

/**
 * Every Task state of `private.asl.json`, bound to what runs it in AWS:
 * the two Lambda handlers, and for `SendJob` a stand-in for the SQS
 * service integration. For the local Step Functions adapter.
 */
export function privateTaskHandlers(
  dependencies: PrivateTaskDependencies,
): Record<'EnsurePrivateWorker' | 'SendJob' | 'MarkFailed', LocalTaskHandler> {
  return {
    EnsurePrivateWorker: createDispatchPrivateHandler(dependencies),
    SendJob: (input) => sendPrivateJob(dependencies.sqs, input),
    MarkFailed: createMarkFailedHandler(dependencies),
  };
}
