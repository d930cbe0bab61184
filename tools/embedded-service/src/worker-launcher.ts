import { spawn } from 'node:child_process';
import { openSync, mkdirSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkerLaunch, WorkerProcess } from '@snapshots/local-stack';

export const workspaceRoot = join(__dirname, '..', '..', '..');
const workerMain = join(workspaceRoot, 'apps/snapshot-worker/src/main.ts');

/**
 * Starts one snapshot worker as its own process, as an EC2 instance of the
 * group would run it, with its JSON log lines in a file of `logDir`.
 */
export function workerLauncher(options: {
  environment: Record<string, string>;
  logDir: string;
}): (launch: WorkerLaunch) => WorkerProcess {
  mkdirSync(options.logDir, { recursive: true });

  return ({ groupName, launchIndex }) => {
    const workerId = `${groupName}-${launchIndex}`;
    const log = openSync(join(options.logDir, `${workerId}.log`), 'a');
    try {
      // Through tsx's loader rather than its CLI: the CLI runs the worker
      // in a child of its own, which would outlive a SIGKILL of the pid
      // the group holds.
      return spawn(process.execPath, ['--import', 'tsx', workerMain], {
        cwd: workspaceRoot,
        env: { ...process.env, ...options.environment, WORKER_ID: workerId },
        stdio: ['ignore', log, log],
      });
    } finally {
      closeSync(log);
    }
  };
}
