import { Logger } from '@aws-lambda-powertools/logger';

/**
 * A JSON-lines logger with fixed fields (level, message, timestamp,
 * service). Lambdas, the worker and the command line all log through it so
 * every line has the same shape; per-job keys are appended with
 * `appendKeys` or a child logger.
 */
export function createLogger(
  serviceName: string,
  persistentKeys: Record<string, string | number> = {},
): Logger {
  return new Logger({ serviceName, persistentKeys });
}

export type { Logger };
