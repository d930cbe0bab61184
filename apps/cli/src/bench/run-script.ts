import { spawn } from 'node:child_process';
import { workspaceRoot } from '@snapshots/embedded-service';

export interface ScriptOutput {
  stdout: string;
  code: number;
}

/**
 * Runs a TypeScript script of the workspace in a Node process of its own
 * (with tsx's loader, as the workers run), so that its time and memory are its
 * own. Its stderr is passed on line by line to `onLine`.
 *
 * @throws Error naming the script when it exits with another code than 0.
 */
export function runScript(
  script: string,
  args: string[],
  options: {
    environment?: Record<string, string>;
    onLine?: (line: string) => void;
  } = {},
): Promise<ScriptOutput> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: workspaceRoot,
    env: { ...process.env, ...options.environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let stdout = '';
  let stderr = '';
  const tail: string[] = [];
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
    const lines = stderr.split('\n');
    stderr = lines.pop() ?? '';
    for (const line of lines) {
      tail.push(line);
      if (tail.length > 20) tail.shift();
      options.onLine?.(line);
    }
  });

  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      if (stderr) options.onLine?.(stderr);
      if (code === 0) resolve({ stdout, code });
      else {
        const last = [...tail, stderr].join('\n').trim();
        reject(new Error(`${script} exited with ${code}:\n${last}`));
      }
    });
  });
}
