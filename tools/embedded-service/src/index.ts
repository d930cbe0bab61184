export {
  bootEmbeddedService,
  type EmbeddedService,
  type EmbeddedServiceOptions,
} from './boot-embedded-service';
export { localFunctionArn, resourceNames } from './resource-names';
export {
  batchStateMachine,
  privateStateMachine,
  type StateMachineWiring,
} from './state-machines';
export { workspaceRoot } from './worker-launcher';
export { capturesInLogs } from './worker-logs';
