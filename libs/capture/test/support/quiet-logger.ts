import { createLogger, type Logger } from '@snapshots/logging';

/** A real logger whose lines are kept in memory instead of printed. */
export function recordingLogger(): {
  logger: Logger;
  lines: () => Record<string, unknown>[];
} {
  const logger = createLogger('capture-test');
  const lines: Record<string, unknown>[] = [];
  for (const level of ['debug', 'info', 'warn', 'error'] as const) {
    jest
      .spyOn(logger, level)
      .mockImplementation((message: unknown, ...extra: unknown[]) => {
        lines.push(Object.assign({ level, message }, ...extra));
      });
  }
  return { logger, lines: () => lines };
}
