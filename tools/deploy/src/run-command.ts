import { execFile, spawn } from 'node:child_process';
import { CommandFailedError } from './deploy-error';

export interface CommandOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

/** Runs a command and returns its standard output. */
export function captureCommand(
  argv: readonly string[],
  options: CommandOptions,
): Promise<string> {
  const [program = '', ...args] = argv;
  return new Promise((resolve, reject) => {
    execFile(
      program,
      args,
      { cwd: options.cwd, env: options.env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          const code = typeof error.code === 'number' ? error.code : null;
          reject(new CommandFailedError(argv, code, stderr, { cause: error }));
          return;
        }
        resolve(stdout);
      },
    );
  });
}

/** Runs a command with the terminal attached (sam may ask to confirm). */
export function runCommand(
  argv: readonly string[],
  options: CommandOptions,
): Promise<void> {
  const [program = '', ...args] = argv;
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: 'inherit',
    });
    child.once('error', (cause) =>
      reject(new CommandFailedError(argv, null, '', { cause })),
    );
    child.once('exit', (code) => {
      if (code === 0) resolve();
      else reject(new CommandFailedError(argv, code, ''));
    });
  });
}
