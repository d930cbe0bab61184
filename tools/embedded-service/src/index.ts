export {
  bootEmbeddedService,
  type EmbeddedService,
  type EmbeddedServiceOptions,
} from './boot-embedded-service';
export { resourceNames } from './resource-names';
export { workspaceRoot } from './worker-launcher';
export { capturesInLogs } from './worker-logs';
