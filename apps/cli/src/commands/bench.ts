import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { workspaceRoot } from '@snapshots/embedded-service';
import { fullSizes, quickSizes } from '../bench/bench-sizes';
import { formatResults } from '../bench/format-results';
import { runBenchSuite } from '../bench/run-bench-suite';
import { assertChromiumInstalled } from '../flows/preflight';
import type { Command } from './command';

export const bench: Command = {
  summary: 'benchmark the service against naive baselines [--quick] [--json]',

  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        quick: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        dir: { type: 'string', default: join(workspaceRoot, 'tmp', 'bench') },
      },
    });
    assertChromiumInstalled();
    const folder = resolve(values.dir);
    const output = join(folder, 'results.json');

    // Progress goes to stderr, so that --json leaves stdout to the JSON.
    const results = await runBenchSuite({
      mode: values.quick ? 'quick' : 'full',
      sizes: values.quick ? quickSizes : fullSizes,
      folder,
      say: (line) => process.stderr.write(line + '\n'),
    });
    const text = JSON.stringify(results, null, 2) + '\n';
    await mkdir(dirname(output), { recursive: true });
    await writeFile(output, text);

    const written = `results written to ${relative(process.cwd(), output)}\n`;
    if (values.json) {
      process.stdout.write(text);
      process.stderr.write(written);
    } else {
      process.stdout.write(formatResults(results) + '\n\n' + written);
    }
    return 0;
  },
};
