import { commands } from './commands';
import { UsageError } from './commands/usage-error';

const usage = `snapshots <command> [options]

commands:
${Object.entries(commands)
  .map(([name, command]) => `  ${name.padEnd(9)} ${command.summary}`)
  .join('\n')}

Run \`snapshots <command> --help\` for a command's options.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === 'help') {
    process.stdout.write(usage + '\n');
    return name ? 0 : 2;
  }

  const command = commands[name];
  if (!command) {
    process.stderr.write(`snapshots: unknown command '${name}'\n\n${usage}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`snapshots ${name}: ${command.summary}\n`);
    return 0;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`snapshots: ${message}\n`);
    process.exitCode = isUsageError(error) ? 2 : 1;
  },
);

/** A mistake in the command line itself: exit 2, as shells expect. */
function isUsageError(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  return error instanceof UsageError || code.startsWith('ERR_PARSE_ARGS');
}
