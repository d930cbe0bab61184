export { ConfigError, type ConfigProblem } from './config-error';
export { readConfig } from './read-config';
export { fields } from './fields';
