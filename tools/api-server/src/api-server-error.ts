/** Base of the errors of the local API server. */
export class ApiServerError extends Error {
  override readonly name: string = 'ApiServerError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A bearer token that is missing, malformed, expired or badly signed. */
export class UnauthorizedError extends ApiServerError {
  override readonly name = 'UnauthorizedError';
}

/** The signing key file cannot be read or written. */
export class TokenKeyError extends ApiServerError {
  override readonly name = 'TokenKeyError';

  constructor(
    readonly file: string,
    options?: { cause?: unknown },
  ) {
    super(`the local token key ${file} cannot be used`, options);
  }
}
