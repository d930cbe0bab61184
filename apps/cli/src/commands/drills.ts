import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { workspaceRoot } from '@snapshots/embedded-service';
import type { Drill, DrillOutcome } from '../drills/drill';
import { browserKilled, workerKilled } from '../drills/kill-drills';
import {
  abandonedLease,
  alwaysFails,
  stackRestart,
} from '../drills/other-drills';
import { assertChromiumInstalled } from '../flows/preflight';
import type { Command } from './command';
import { UsageError } from './usage-error';

const all: Drill[] = [
  workerKilled,
  browserKilled,
  alwaysFails,
  abandonedLease,
  stackRestart,
];

export const drills: Command = {
  summary:
    'fault drills; each prints jobs lost and stuck (both must be 0) ' +
    '[--only a,b] [--json FILE]',

  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        only: { type: 'string' },
        json: { type: 'string' },
      },
    });
    const chosen = values.only
      ? all.filter((drill) => values.only?.split(',').includes(drill.name))
      : all;
    if (chosen.length === 0) {
      throw new UsageError(
        `--only takes drill names: ${all.map((d) => d.name).join(', ')}`,
      );
    }
    assertChromiumInstalled();

    const outcomes: DrillOutcome[] = [];
    for (const drill of chosen) {
      const folder = join(workspaceRoot, 'tmp', 'drills', drill.name);
      await rm(folder, { recursive: true, force: true });
      process.stdout.write(`drill ${drill.name} ...\n`);
      const outcome = await drill.run(folder);
      outcomes.push(outcome);
      printOutcome(outcome);
    }

    if (values.json) {
      await writeFile(values.json, JSON.stringify(outcomes, null, 2) + '\n');
    }
    const failing = outcomes.filter((o) => !o.passed);
    process.stdout.write(
      `\n${outcomes.length - failing.length} passed, ${failing.length} failed\n`,
    );
    return failing.length === 0 ? 0 : 1;
  },
};

function printOutcome(o: DrillOutcome): void {
  const lines = [
    `jobs ${o.jobs}: ${o.ready} READY, ${o.failed} FAILED, ` +
      `lost ${o.lost}, stuck ${o.stuck}, not as expected ${o.unexpected}`,
    ...o.checks.map((c) => `${c.passed ? 'ok' : 'NOT OK'}: ${c.what}`),
    ...o.notes,
    o.passed ? 'passed' : 'FAILED',
  ];
  process.stdout.write(lines.map((line) => `  ${line}\n`).join(''));
}
