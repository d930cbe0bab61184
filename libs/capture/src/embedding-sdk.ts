import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

import { CaptureError } from './capture-error';

// The package's browser build: one script that defines `QuickSightEmbedding`.
const SDK_FILE =
  'amazon-quicksight-embedding-sdk/dist/quicksight-embedding-js-sdk.min.js';

let loaded: Promise<string> | undefined;

/**
 * The QuickSight Embedding SDK (Apache-2.0) as the host page loads it,
 * read once from node_modules: no CDN, nothing fetched at run time.
 *
 * For an embed URL over plain http (the local report server) the SDK's
 * URL checks, which take https only, are widened to http; nothing else of
 * it changes, and an https embed URL (QuickSight) gets it as published.
 */
export async function embeddingSdk(forHttp: boolean): Promise<string> {
  loaded ??= readSdk().catch((cause: unknown) => {
    loaded = undefined;
    throw new CaptureError('cannot read the QuickSight Embedding SDK', {
      cause,
    });
  });
  const source = await loaded;
  return forHttp
    ? source
        .replaceAll('^(https:', '^(https?:')
        .replaceAll('^https:', '^https?:')
    : source;
}

// A bundle (the worker's) has no node_modules: its build copies the file
// beside it.
async function readSdk(): Promise<string> {
  try {
    return await readFile(join(__dirname, basename(SDK_FILE)), 'utf8');
  } catch {
    return readFile(require.resolve(SDK_FILE), 'utf8');
  }
}
