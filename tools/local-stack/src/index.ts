export { LocalStackError } from './local-stack-error';
export {
  startLocalStack,
  type LocalStack,
  type LocalStackOptions,
} from './start-local-stack';
export { spawnLocalStack, type SpawnedLocalStack } from './spawn-local-stack';
export { useLocalStack } from './use-local-stack';
