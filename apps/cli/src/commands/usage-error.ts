/** A command was called with arguments it cannot use. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
