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
        const fields = extra.filter(
          (item): item is Record<string, unknown> =>
            typeof item === 'object' && item !== null,
        );
        lines.push(
          fields.reduce<Record<string, unknown>>(
            (line, field) => ({ ...line, ...field }),
            { level, message },
          ),
        );
      });
  }
  return { logger, lines: () => lines };
}
