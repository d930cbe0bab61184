import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AwsClients } from '@snapshots/aws-clients';
import {
  batchDependencies,
  batchStateHandlers,
  createBatchTasks,
  localBatchSubstitutions,
} from '@snapshots/batch';
import type { Datasets } from '@snapshots/datasets';
import type {
  LocalStepFunctions,
  StateMachineRegistration,
} from '@snapshots/local-stack';
import type { Logger } from '@snapshots/logging';
import { SnapshotStore } from '@snapshots/snapshot-metadata';
import { privateTaskHandlers } from '@snapshots/snapshot-service';
import { localFunctionArn, resourceNames as names } from './resource-names';
import { workspaceRoot } from './worker-launcher';

const definition = (name: string) =>
  readFileSync(
    join(workspaceRoot, 'apps/orchestration/state-machines', name),
    'utf8',
  );

/** What the state machines' Task states are wired to. */
export interface StateMachineWiring {
  clients: AwsClients;
  datasets: Datasets;
  batchQueueUrl: string;
  privateQueueUrl: string;
  logger: Logger;
}

/**
 * Registers the batch and private state machines from the ASL files that
 * template.yaml deploys, each Task bound to the code its Lambda runs.
 */
export function registerStateMachines(
  stepFunctions: LocalStepFunctions,
  wiring: StateMachineWiring,
): void {
  stepFunctions.registerStateMachine(batchStateMachine(wiring));
  stepFunctions.registerStateMachine(privateStateMachine(wiring));
}

/**
 * The batch state machine as the service registers it; a test may change
 * a copy (a handler that fails, shorter timers) and register that under
 * another ARN.
 */
export function batchStateMachine(
  wiring: StateMachineWiring,
): StateMachineRegistration {
  const { clients, logger } = wiring;
  return {
    arn: names.batchStateMachine,
    definition: definition('batch.asl.json'),
    substitutions: localBatchSubstitutions(),
    handlers: batchStateHandlers(
      createBatchTasks(
        batchDependencies({
          dynamodb: clients.dynamodb,
          sqs: clients.sqs,
          autoScaling: clients.autoScaling,
          datasets: wiring.datasets,
          snapshotsTable: names.snapshotsTable,
          campusesTable: names.campusesTable,
          queueUrl: wiring.batchQueueUrl,
          workerGroupName: names.batchWorkers,
          logger,
        }),
      ),
    ),
  };
}

/** The private state machine as the service registers it. */
export function privateStateMachine(
  wiring: StateMachineWiring,
): StateMachineRegistration {
  const { clients, logger } = wiring;
  return {
    arn: names.privateStateMachine,
    definition: definition('private.asl.json'),
    substitutions: {
      DispatchPrivateFunctionArn: localFunctionArn('dispatch-private'),
      MarkFailedFunctionArn: localFunctionArn('mark-failed'),
      PrivateQueueUrl: wiring.privateQueueUrl,
    },
    handlers: privateTaskHandlers({
      autoScaling: clients.autoScaling,
      sqs: clients.sqs,
      store: new SnapshotStore({
        client: clients.dynamodb,
        tableName: names.snapshotsTable,
      }),
      privateWorkerGroupName: names.privateWorkers,
      logger,
    }),
  };
}
