/** Base of every error the capture engine raises. */
export class CaptureError extends Error {
  override name = 'CaptureError';
}

/** No Chromium where the pool looked for one. */
export class BrowserNotFoundError extends CaptureError {
  override name = 'BrowserNotFoundError';

  constructor(
    readonly chromePath: string,
    options?: { cause?: unknown },
  ) {
    super(
      `no Chromium at ${chromePath}: set CHROME_PATH to a Chromium or ` +
        'Chrome executable, or install one (apt-get install chromium)',
      options,
    );
  }
}

/** Chromium is there but would not start. */
export class BrowserLaunchError extends CaptureError {
  override name = 'BrowserLaunchError';

  constructor(
    readonly chromePath: string,
    options?: { cause?: unknown },
  ) {
    super(`Chromium at ${chromePath} did not start`, options);
  }
}

/** The browser or the report's tab died during a capture. */
export class BrowserCrashedError extends CaptureError {
  override name = 'BrowserCrashedError';

  constructor(
    readonly reason: 'browser exited' | 'page crashed',
    options?: { cause?: unknown },
  ) {
    super(reason, options);
  }
}

/** A step of the capture ran past the capture's deadline. */
export class CaptureTimeoutError extends CaptureError {
  override name = 'CaptureTimeoutError';

  constructor(
    readonly step: string,
    readonly timeoutMs: number,
  ) {
    super(`capture timed out after ${timeoutMs} ms in step ${step}`);
  }
}

/** The caller aborted the capture. */
export class CaptureAbortedError extends CaptureError {
  override name = 'CaptureAbortedError';

  constructor(
    readonly step: string,
    options?: { cause?: unknown },
  ) {
    super(`capture aborted in step ${step}`, options);
  }
}

// The codes with which a report says its embed session is over.
// Shortcoming: only the report server's code, which it names after the
// QuickSight embedding event; this list grows when a capture of real
// QuickSight shows which codes an ended session posts there.
const SESSION_END_CODES = new Set(['SESSION_EXPIRED']);

/** The report said it failed (ERROR_OCCURRED), or showed an error page. */
export class ReportRenderError extends CaptureError {
  override name = 'ReportRenderError';

  constructor(
    readonly errorCode: string,
    readonly visualId?: string,
  ) {
    super(
      `report failed to render: ${errorCode}` +
        (visualId ? ` (visual ${visualId})` : ''),
    );
  }

  /** The embed session ended: a new URL may well succeed. */
  get sessionEnded(): boolean {
    return SESSION_END_CODES.has(this.errorCode);
  }
}

/**
 * A call into the browser failed: a navigation that could not connect, a
 * screenshot or PDF the browser refused, a closed target. The puppeteer
 * error is the cause; the message names URLs by their origin only, as
 * the rest may carry an embed token.
 */
export class BrowserProtocolError extends CaptureError {
  override name = 'BrowserProtocolError';

  constructor(
    readonly step: string | undefined,
    options: { cause: unknown },
  ) {
    super(
      `browser call failed${step ? ` in step ${step}` : ''}: ` +
        withOriginsOnly(describeCause(options.cause)),
      options,
    );
  }
}

/** The job's URL provider failed, or gave something that is not a URL. */
export class ReportUrlError extends CaptureError {
  override name = 'ReportUrlError';

  constructor(reason: string, options?: { cause?: unknown }) {
    super(`no URL to open the report: ${reason}`, options);
  }
}

/** The picture is (nearly) one colour. */
export class BlankCaptureError extends CaptureError {
  override name = 'BlankCaptureError';

  constructor(readonly dominantShare: number) {
    super(
      `capture is blank: ${(dominantShare * 100).toFixed(2)}% of it is one ` +
        'colour',
    );
  }
}

/** Fewer visuals were drawn than a good render of the report has. */
export class IncompleteCaptureError extends CaptureError {
  override name = 'IncompleteCaptureError';

  constructor(
    readonly expectedVisuals: number,
    readonly drawnVisuals: number,
  ) {
    super(
      `capture is incomplete: ${drawnVisuals} of ${expectedVisuals} ` +
        'visuals drawn',
    );
  }
}

/** A capture job that does not describe a capture. */
export class InvalidCaptureJobError extends CaptureError {
  override name = 'InvalidCaptureJobError';

  constructor(readonly issues: { path: string; message: string }[]) {
    super(
      'invalid capture job: ' +
        issues.map((issue) => `${issue.path} ${issue.message}`).join('; '),
    );
  }
}

/** Options a capture pool cannot run with. */
export class InvalidPoolOptionsError extends CaptureError {
  override name = 'InvalidPoolOptionsError';

  constructor(readonly issues: { path: string; message: string }[]) {
    super(
      'invalid capture pool options: ' +
        issues.map((issue) => `${issue.path} ${issue.message}`).join('; '),
    );
  }
}

/** The pool was closed before or during the capture. */
export class CapturePoolClosedError extends CaptureError {
  override name = 'CapturePoolClosedError';

  constructor() {
    super('capture pool is closed');
  }
}

function describeCause(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

function withOriginsOnly(text: string): string {
  return text.replace(/\b(?:https?|wss?):\/\/[^\s'"<>]+/g, (url) => {
    try {
      return new URL(url).origin;
    } catch {
      return '<url>';
    }
  });
}
