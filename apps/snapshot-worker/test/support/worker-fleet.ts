import { setTimeout as sleep } from 'node:timers/promises';
import { WorkerProcess, type LogLine } from './worker-process';

/**
 * The worker processes of one test, started side by side like the
 * instances of a group, and all ended after it.
 */
export class WorkerFleet {
  private readonly workers: WorkerProcess[] = [];

  /** Starts one worker per name and resolves once all of them poll. */
  async start(
    names: string[],
    environment: Record<string, string>,
  ): Promise<WorkerProcess[]> {
    const started = names.map((name) => WorkerProcess.spawn(name, environment));
    this.workers.push(...started);
    await Promise.all(started.map((worker) => worker.ready()));
    return started;
  }

  /** Starts one worker and resolves once it polls. */
  async startOne(
    name: string,
    environment: Record<string, string>,
  ): Promise<WorkerProcess> {
    const worker = WorkerProcess.spawn(name, environment);
    this.workers.push(worker);
    await worker.ready();
    return worker;
  }

  /** Lines with this message (and these fields) from every worker. */
  logged(message: string, fields: Record<string, unknown> = {}): LogLine[] {
    return this.workers.flatMap((worker) => worker.logged(message, fields));
  }

  /** Renders of one snapshot, across the fleet. */
  rendered(snapshotId: string): LogLine[] {
    return this.logged('job rendered', { snapshotId });
  }

  /** The first worker to log this line, waiting for one to. */
  async firstToLog(
    message: string,
    fields: Record<string, unknown>,
    timeoutMs = 90_000,
  ): Promise<WorkerProcess> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const worker = this.workers.find(
        (candidate) => candidate.logged(message, fields).length > 0,
      );
      if (worker) return worker;
      if (Date.now() > deadline) {
        throw new Error(`no worker logged ${message}:\n${this.tails()}`);
      }
      await sleep(50);
    }
  }

  /** Each worker's last lines, for a failure message. */
  tails(): string {
    return this.workers
      .map((worker) => `--- ${worker.name}\n${worker.tail()}`)
      .join('\n');
  }

  /** Ends every worker, cleanly if it stops soon, else by force. */
  async stopAll(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((worker) => worker.stop()));
  }
}
