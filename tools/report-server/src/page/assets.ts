import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { ReportServerError } from '../report-server-error';

export interface Asset {
  body: Buffer;
  contentType: string;
}

const NAMES = [
  'dashboard.js',
  'embed-control.js',
  'dashboard.css',
  'chart.umd.min.js',
] as const;
type AssetName = (typeof NAMES)[number];

/**
 * The page's static files: Chart.js straight from node_modules (no CDN),
 * the stylesheet, and the page and control frame scripts bundled from
 * TypeScript on first use. Each is read once and kept.
 */
export class AssetStore {
  private readonly loaded = new Map<string, Promise<Asset>>();

  has(name: string): name is AssetName {
    return (NAMES as readonly string[]).includes(name);
  }

  get(name: AssetName): Promise<Asset> {
    let asset = this.loaded.get(name);
    if (!asset) {
      asset = load(name);
      this.loaded.set(name, asset);
      // A failed load is tried again on the next request.
      asset.catch(() => this.loaded.delete(name));
    }
    return asset;
  }
}

async function load(name: AssetName): Promise<Asset> {
  switch (name) {
    case 'chart.umd.min.js':
      return {
        body: await readFile(join(dirname(require.resolve('chart.js')), name)),
        contentType: 'text/javascript; charset=utf-8',
      };
    case 'dashboard.css':
      return {
        body: await readFile(join(__dirname, 'dashboard.css')),
        contentType: 'text/css; charset=utf-8',
      };
    case 'dashboard.js':
      return {
        body: await bundleScript('main.ts'),
        contentType: 'text/javascript; charset=utf-8',
      };
    case 'embed-control.js':
      return {
        body: await bundleScript('embed-control.ts'),
        contentType: 'text/javascript; charset=utf-8',
      };
  }
}

async function bundleScript(entry: string): Promise<Buffer> {
  try {
    const result = await build({
      entryPoints: [join(__dirname, '..', 'client', entry)],
      bundle: true,
      write: false,
      format: 'iife',
      target: 'chrome120',
      logLevel: 'silent',
    });
    const [output] = result.outputFiles;
    if (!output) throw new Error('esbuild wrote nothing');
    return Buffer.from(output.contents);
  } catch (error) {
    throw new ReportServerError(`cannot bundle ${entry}`, {
      cause: error,
    });
  }
}
