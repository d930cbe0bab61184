/** Base of every error this library raises. */
export class PresignerError extends Error {
  override name = 'PresignerError';
}

/** A link was asked for with settings no caller should send. */
export class InvalidLinkRequestError extends PresignerError {
  override name = 'InvalidLinkRequestError';

  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`invalid link request, ${field}: ${reason}`);
  }
}
