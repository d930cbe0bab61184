/** A task failure as a Catch hands it on (`ResultPath: $.failure`). */
export interface CaughtFailure {
  Error?: string;
  Cause?: string;
}

const maxReasonLength = 500;

const knownErrors: Record<string, string> = {
  'States.Timeout': 'no worker finished the render in time',
  'States.HeartbeatTimeout': 'the worker stopped reporting progress',
};

/**
 * A short reason for a caller, from what Step Functions caught. A failed
 * Lambda function leaves its error as JSON text in `Cause`
 * (`errorMessage`), a worker that sent SendTaskFailure leaves JSON with a
 * `reason`, anything else leaves plain words.
 *
 * @example
 * failureReason({ Error: 'WorkerGroupError',
 *   Cause: '{"errorType":"WorkerGroupError","errorMessage":"gone"}' });
 * // 'gone'
 */
export function failureReason(failure: CaughtFailure | undefined): string {
  const error = failure?.Error ?? '';
  const known = knownErrors[error];
  if (known) return known;

  const cause = messageInJson(failure?.Cause) ?? failure?.Cause?.trim();
  const reason = cause || error || 'the render failed';
  return reason.length > maxReasonLength
    ? `${reason.slice(0, maxReasonLength - 1)}…`
    : reason;
}

function messageInJson(cause: string | undefined): string | undefined {
  if (!cause?.trimStart().startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(cause) as Record<string, unknown>;
    const message = parsed.reason ?? parsed.errorMessage;
    return typeof message === 'string' && message.trim()
      ? message.trim()
      : undefined;
  } catch {
    return undefined;
  }
}
