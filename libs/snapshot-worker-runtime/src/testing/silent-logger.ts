import { createLogger, type Logger } from '@snapshots/logging';

/** A real logger that writes nothing, for unit tests. */
export function silentLogger(): Logger {
  const saved = process.env.POWERTOOLS_LOG_LEVEL;
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  try {
    return createLogger('test');
  } finally {
    if (saved === undefined) delete process.env.POWERTOOLS_LOG_LEVEL;
    else process.env.POWERTOOLS_LOG_LEVEL = saved;
  }
}
