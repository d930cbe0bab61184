/**
 * Base of the local stack's errors: raised when a stand-in cannot start,
 * stop or accept a registration.
 */
export class LocalStackError extends Error {
  override readonly name: string = 'LocalStackError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
