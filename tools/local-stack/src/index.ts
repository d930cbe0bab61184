export { LocalStackError } from './local-stack-error';
export {
  startLocalStack,
  type LocalStack,
  type LocalStackOptions,
} from './start-local-stack';
export { spawnLocalStack, type SpawnedLocalStack } from './spawn-local-stack';
export { useLocalStack } from './use-local-stack';
export {
  startLocalStepFunctions,
  type LocalStepFunctions,
  type LocalStepFunctionsOptions,
} from './start-local-step-functions';
export {
  type StateMachineRegistration,
  type TaskContext,
  type TaskHandler,
  type TimerOverrides,
} from './step-functions/compile-state-machine';
export { DefinitionError } from './step-functions/definition-error';
export type { Execution, ExecutionStatus } from './step-functions/execution';
export type { JsonValue } from './step-functions/json-value';
export {
  startLocalAutoScaling,
  type LocalAutoScaling,
  type LocalAutoScalingOptions,
} from './start-local-auto-scaling';
export type {
  GroupDescription,
  LifecycleState,
  WorkerGroupOptions,
  WorkerInstance,
  WorkerLaunch,
  WorkerProcess,
} from './auto-scaling/worker-group';
