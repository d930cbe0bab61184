import { parseArgs } from 'node:util';
import { startLocalStack } from './start-local-stack';

/**
 * `local-stack [--data DIR] [--json]`: starts the stand-ins and keeps them
 * up until SIGINT or SIGTERM. Prints the endpoints as shell exports, or as
 * one JSON line with `--json` for a parent process to read.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      json: { type: 'boolean', default: false },
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

  const stop = () => {
    stack.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`local-stack: ${String(error)}\n`);
  process.exit(1);
});
