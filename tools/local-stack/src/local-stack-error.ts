/** Raised when a local stand-in cannot start or stop. */
export class LocalStackError extends Error {
  override readonly name = 'LocalStackError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
