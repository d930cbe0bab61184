import type { SQSClient } from '@aws-sdk/client-sqs';

/**
 * Counts the SQS calls a client makes, by command name, so that a run
 * reports the calls it really sent rather than what it meant to send.
 */
export function countSqsCalls(sqs: SQSClient): Record<string, number> {
  const calls: Record<string, number> = {};
  sqs.middlewareStack.add(
    (next, context) => (args) => {
      const command = (context.commandName ?? 'unknown').replace(
        /Command$/,
        '',
      );
      calls[command] = (calls[command] ?? 0) + 1;
      return next(args);
    },
    { step: 'initialize', name: 'benchSqsCallCounter' },
  );
  return calls;
}
