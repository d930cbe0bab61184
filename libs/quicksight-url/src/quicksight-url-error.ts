/** Base of every error this library raises. */
export class QuickSightUrlError extends Error {
  override name = 'QuickSightUrlError';
}

/**
 * A URL points at an origin the allow-list does not contain. Raised before
 * any browser is asked to open it.
 */
export class HostNotAllowedError extends QuickSightUrlError {
  override name = 'HostNotAllowedError';

  constructor(readonly url: string) {
    super(`host not allowed: ${describeOrigin(url)}`);
  }
}

/** An allow-list entry is not an origin such as `https://example.com`. */
export class InvalidOriginError extends QuickSightUrlError {
  override name = 'InvalidOriginError';

  constructor(
    readonly origin: string,
    reason: string,
  ) {
    super(`invalid allowed origin "${origin}": ${reason}`);
  }
}

/** A parameter name or value cannot be put into a URL fragment. */
export class InvalidParameterError extends QuickSightUrlError {
  override name = 'InvalidParameterError';

  constructor(
    readonly parameter: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`invalid parameter "${parameter}": ${reason}`, options);
  }
}

/** The embed URL could not be obtained (SDK or report server failure). */
export class EmbedUrlError extends QuickSightUrlError {
  override name = 'EmbedUrlError';

  constructor(
    readonly dashboardId: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`no embed URL for dashboard ${dashboardId}: ${reason}`, options);
  }
}

// Only the origin goes into the message: the rest of a URL may carry a
// one-time embed token.
function describeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'unparseable URL';
  }
}
