import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { ReportServerError } from '../report-server-error';

export interface Asset {
  body: Buffer;
  contentType: string;
}

type AssetName = 'dashboard.js' | 'dashboard.css' | 'chart.umd.min.js';

/**
 * The page's static files: Chart.js straight from node_modules (no CDN),
 * the stylesheet, and the page script bundled from TypeScript on first
 * use. Each is read once and kept.
 */
export class AssetStore {
  private readonly loaded = new Map<string, Promise<Asset>>();

  has(name: string): name is AssetName {
    return ['dashboard.js', 'dashboard.css', 'chart.umd.min.js'].includes(name);
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
        body: await bundlePageScript(),
        contentType: 'text/javascript; charset=utf-8',
      };
  }
}

async function bundlePageScript(): Promise<Buffer> {
  try {
    const result = await build({
      entryPoints: [join(__dirname, '..', 'client', 'main.ts')],
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
    throw new ReportServerError('cannot bundle the page script', {
      cause: error,
    });
  }
}
