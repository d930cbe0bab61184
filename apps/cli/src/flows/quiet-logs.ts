import { createLogger, type Logger } from '@snapshots/logging';

/**
 * Keeps a command's terminal for what a person reads (a progress bar, a
 * table, a summary) by raising the level of the logs that would land
 * there: the command's own logger and the in-process handlers, which
 * build theirs from the environment on their first request. Workers log
 * to files of their own, in full; `workerEnvironment` says so for them,
 * since they inherit this process's environment.
 */
export function quietLogs(
  serviceName: string,
  level: 'WARN' | 'ERROR',
): { logger: Logger; workerEnvironment: Record<string, string> } {
  const logger = createLogger(serviceName);
  logger.setLogLevel(level);
  process.env.POWERTOOLS_LOG_LEVEL = level;
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  return {
    logger,
    workerEnvironment: {
      POWERTOOLS_LOG_LEVEL: 'INFO',
      POWERTOOLS_METRICS_DISABLED: 'false',
    },
  };
}
