/**
 * Base of every error this library raises. Driver and ORM errors are
 * translated into one of its subclasses at the boundary, with the original
 * kept as `cause`.
 */
export class DatasetsError extends Error {
  override name = 'DatasetsError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The connection URL names no database this library can open. */
export class InvalidDatasetsUrlError extends DatasetsError {
  override name = 'InvalidDatasetsUrlError';

  constructor(
    readonly url: string,
    reason: string,
  ) {
    super(`invalid datasets URL ${redact(url)}: ${reason}`);
  }
}

/** The database could not be reached or opened. */
export class DatasetsUnavailableError extends DatasetsError {
  override name = 'DatasetsUnavailableError';

  constructor(
    readonly dialect: string,
    options: { cause: unknown },
  ) {
    super(`cannot open the ${dialect} datasets database`, options);
  }
}

/** A caller handed a query or the seed generator input it cannot use. */
export class InvalidDatasetsInputError extends DatasetsError {
  override name = 'InvalidDatasetsInputError';

  constructor(
    readonly operation: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(
      `invalid input to ${operation}: ` +
        issues.map((i) => `${i.path || '(root)'} ${i.message}`).join('; '),
    );
  }
}

/** A query or write failed in the database. */
export class DatasetsQueryError extends DatasetsError {
  override name = 'DatasetsQueryError';

  constructor(
    readonly operation: string,
    options: { cause: unknown },
  ) {
    super(`datasets ${operation} failed`, options);
  }
}

/** Hides the password of a connection URL before it reaches a message. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
