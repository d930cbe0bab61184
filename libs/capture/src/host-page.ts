import type { HTTPRequest } from 'puppeteer-core';

import { embeddingSdk } from './embedding-sdk';

/**
 * The origin the host page is served at unless told otherwise. It never
 * resolves (`.invalid`), so nothing at it can be reached but what the
 * engine answers itself.
 */
export const DEFAULT_HOST_ORIGIN = 'https://snapshots.invalid';

const SDK_PATH = '/quicksight-embedding-sdk.js';

// The host page reports through this binding, which the engine exposes.
export const EMBED_EVENT_BINDING = '__snapshotsEmbedEvent';

/** What one host page embeds. */
export interface Embedding {
  /** The embed URL, without its `#p.` fragment. */
  url: string;
  /** Parameters the SDK puts in the frame's fragment. */
  parameters: Record<string, string[]>;
}

/** An answer to an intercepted request, as puppeteer fulfils it. */
export interface LocalAnswer {
  status: number;
  contentType: string;
  body: string;
}

/**
 * The page every report is captured in, as an embedding application
 * shows QuickSight: it runs the QuickSight Embedding SDK, which embeds
 * the report in a frame and passes its events and parameter changes.
 * The engine serves it itself, at {@link HostPage.origin}, through
 * request interception: no server, and nothing at that origin is fetched.
 */
export class HostPage {
  readonly origin: string;

  constructor(origin: string) {
    this.origin = new URL(origin).origin;
  }

  /** Where a page goes to show `embedding`. */
  get url(): string {
    return `${this.origin}/`;
  }

  /** Whether `url` is at the host page's origin. */
  owns(url: string): boolean {
    return url.startsWith(`${this.origin}/`);
  }

  /**
   * The answer to a request at the host page's origin for a page showing
   * `embedding`; 404 for anything but the page and the SDK.
   */
  async answer(
    request: HTTPRequest,
    embedding: Embedding,
  ): Promise<LocalAnswer> {
    const { pathname } = new URL(request.url());
    if (pathname === '/') {
      return { status: 200, contentType: HTML, body: hostHtml(embedding) };
    }
    if (pathname === SDK_PATH) {
      const forHttp = embedding.url.startsWith('http:');
      const body = await embeddingSdk(forHttp);
      return { status: 200, contentType: SCRIPT, body };
    }
    return { status: 404, contentType: HTML, body: 'not found' };
  }
}

const HTML = 'text/html; charset=utf-8';
const SCRIPT = 'text/javascript; charset=utf-8';

function hostHtml(embedding: Embedding): string {
  const config = {
    url: embedding.url,
    reportOrigin: new URL(embedding.url).origin,
    parameters: Object.entries(embedding.parameters).map(([Name, Values]) => ({
      Name,
      Values,
    })),
  };
  // `<` escaped so that no value can close the script element early.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Snapshot</title>
<link rel="icon" href="data:,">
<style>
  html, body { margin: 0; padding: 0; background: #fff; }
  #report iframe { display: block; width: 100%; min-height: 100vh; }
</style>
<script src="${SDK_PATH}"></script>
</head>
<body>
<div id="report"></div>
<script>(${HOST_SCRIPT})(${json});</script>
</body>
</html>
`;
}

// Runs in the host page, so kept as source text: a compiled function may
// reference helpers the page does not have.
const HOST_SCRIPT = `function (config) {
  const forward = (event) => {
    const report = window[${JSON.stringify(EMBED_EVENT_BINDING)}];
    if (typeof report === 'function') report(event);
  };
  const failed = (reason) =>
    forward({
      eventName: 'ERROR_OCCURRED',
      eventLevel: 'ERROR',
      message: { errorCode: 'EMBEDDING_FAILED', reason: String(reason) },
    });

  // The SDK takes any message that names a target: only the report's own
  // origin may speak to it, so no other frame can declare it ready.
  window.addEventListener('message', (event) => {
    if (event.origin !== config.reportOrigin) event.stopImmediatePropagation();
  }, true);

  let dashboard;
  window.snapshotsHost = {
    async setParameters(parameters) {
      if (!dashboard) return { success: false, errorCode: 'NOT_EMBEDDED' };
      try {
        const answer = await dashboard.setParameters(parameters);
        return {
          success: answer.success === true,
          errorCode: answer.errorCode,
        };
      } catch (error) {
        // The SDK gives up after 5 s without an answer.
        return { success: false, errorCode: 'NO_ANSWER' };
      }
    },
  };

  if (typeof QuickSightEmbedding === 'undefined') {
    return failed('the Embedding SDK did not load');
  }
  QuickSightEmbedding.createEmbeddingContext({
    onChange: (change) => {
      if (change.eventLevel === 'ERROR') failed(change.eventName);
    },
  })
    .then((context) =>
      context.embedDashboard(
        {
          url: config.url,
          container: '#report',
          width: '100%',
          height: window.innerHeight + 'px',
          // The frame grows with the report, so a full-page capture
          // holds all of it.
          resizeHeightOnSizeChangedEvent: true,
        },
        { parameters: config.parameters, onMessage: forward },
      ),
    )
    .then((embedded) => { dashboard = embedded; }, failed);
}`;
