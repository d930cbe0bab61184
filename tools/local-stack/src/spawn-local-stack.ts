import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { LocalStackError } from './local-stack-error';

export interface SpawnedLocalStack {
  environment: Record<string, string>;
  stop(): Promise<void>;
}

const workspaceRoot = join(__dirname, '..', '..', '..');

/**
 * Runs the local stack in a child process. Jest cannot load the ES-module
 * stand-ins into its sandbox, and a separate process is also the honest
 * shape: clients reach the stand-ins only over HTTP.
 *
 * The child is Node itself with tsx's loader, not a wrapper (npx, tsx's
 * CLI) that could die on SIGTERM and leave the stand-ins running with the
 * parent's output pipes held open. It stops when its stdin closes, so a
 * parent that is killed outright takes it along.
 */
export async function spawnLocalStack(
  options: { dataDir?: string } = {},
): Promise<SpawnedLocalStack> {
  const args = [
    ...['--import', 'tsx', join(__dirname, 'cli.ts')],
    ...['--json', '--until-stdin-ends'],
  ];
  if (options.dataDir) args.push('--data', options.dataDir);
  const child = spawn(process.execPath, args, {
    cwd: workspaceRoot,
    stdio: ['pipe', 'pipe', 'inherit'],
  });

  const exited = new Promise<void>((resolve) => child.once('exit', resolve));
  const lines = createInterface({ input: child.stdout });
  const firstLine = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) =>
      reject(new LocalStackError(`local stack exited with ${code}`)),
    );
  });
  lines.close();

  return {
    environment: JSON.parse(firstLine) as Record<string, string>,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
