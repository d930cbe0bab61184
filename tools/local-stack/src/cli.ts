import { parseArgs } from 'node:util';
import { startLocalStack } from './start-local-stack';

/**
 * `local-stack [--data DIR] [--json] [--until-stdin-ends]`: starts the
 * stand-ins and keeps them up until SIGINT or SIGTERM. Prints the
 * endpoints as shell exports, or as one JSON line with `--json` for a
 * parent process to read. With `--until-stdin-ends` it also stops when
 * its stdin ends: a parent holding the other end of that pipe takes the
 * stack along when it dies, even by SIGKILL.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      json: { type: 'boolean', default: false },
      'until-stdin-ends': { type: 'boolean', default: false },
    },
  });

  const stack = await startLocalStack({ dataDir: values.data });
  if (values.json) {
    process.stdout.write(JSON.stringify(stack.environment) + '\n');
  } else {
    for (const [name, value] of Object.entries(stack.environment)) {
      process.stdout.write(`export ${name}=${value}\n`);
    }
  }

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    stack.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  if (values['until-stdin-ends']) process.stdin.once('end', stop).resume();
}

main().catch((error: unknown) => {
  process.stderr.write(`local-stack: ${String(error)}\n`);
  process.exit(1);
});
