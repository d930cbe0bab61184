import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const workspaceRoot = join(__dirname, '..', '..', '..', '..');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Starts `snapshots <args>` as a user's shell would, as its own process on
 * this Node with tsx's loader (so that a signal reaches the command
 * itself, not a launcher in front of it).
 */
export function startCli(
  args: string[],
  environment: Record<string, string> = {},
): { child: ChildProcess; done: Promise<CliRun> } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'apps/cli/src/main.ts', ...args],
    {
      cwd: workspaceRoot,
      env: { ...process.env, ...environment },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
  });
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  const done = new Promise<CliRun>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) =>
      resolve({ code, signal, stdout, stderr }),
    );
  });
  return { child, done };
}

/** Runs `snapshots <args>` to its end. */
export function runCli(
  args: string[],
  environment: Record<string, string> = {},
): Promise<CliRun> {
  return startCli(args, environment).done;
}
