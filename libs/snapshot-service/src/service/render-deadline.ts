/**
 * The private state machine's own `TimeoutSeconds` (private.asl.json),
 * which the API is told as PRIVATE_EXECUTION_TIMEOUT_SECONDS. A test holds
 * this default equal to the definition.
 */
export const defaultPrivateExecutionTimeoutSeconds = 2400;

// The execution starts a little after `ensure` (the rest of the API call
// and StartExecution, at most the API's own timeout), and no clock is
// exact; after its timeout an execution writes nothing more.
const marginSeconds = 120;

/**
 * How long a private render may take before its snapshot counts as
 * abandoned: by then its execution has ended, whether or not anything
 * was left to mark the snapshot.
 */
export function renderDeadlineMs(executionTimeoutSeconds: number): number {
  return (executionTimeoutSeconds + marginSeconds) * 1000;
}
