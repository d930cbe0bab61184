import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

/** One JSON line a worker wrote: a log line or an EMF metrics line. */
export type LogLine = Record<string, unknown> & { message?: string };

export interface WorkerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const workspaceRoot = join(__dirname, '..', '..', '..', '..');
const main = join('apps', 'snapshot-worker', 'src', 'main.ts');
// The project's pinned Node 22, whatever `node` the shell would find:
// the stand-ins and the worker need 22, and the worker must be this very
// process, not a launcher in front of it, for signals to reach it.
const node22 = join(workspaceRoot, 'node_modules', 'node', 'bin', 'node');

/**
 * A worker running as its own process, as on an instance, with its JSON
 * lines kept for assertions. Warnings and errors are logged to stderr,
 * the rest to stdout (the journal keeps both), so both streams are read.
 */
export class WorkerProcess {
  readonly lines: LogLine[] = [];
  readonly exited: Promise<WorkerExit>;
  private readonly waiters = new Set<() => void>();

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        resolve({ code, signal });
        this.notify();
      }),
    );
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => {
        this.lines.push(parse(line));
        this.notify();
      });
    }
  }

  /**
   * Starts `node --import tsx apps/snapshot-worker/src/main.ts` on Node 22,
   * so the child's pid is the worker's own.
   */
  static spawn(name: string, environment: Record<string, string>) {
    const child = spawn(node22, ['--import', 'tsx', main], {
      cwd: workspaceRoot,
      env: { ...process.env, ...environment, WORKER_ID: name },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new WorkerProcess(name, child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The first line that matches, waiting for it if need be. */
  async waitFor(
    matches: (line: LogLine) => boolean,
    what: string,
    timeoutMs = 60_000,
  ): Promise<LogLine> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = this.lines.find(matches);
      if (line) return line;
      if (!this.running) {
        throw new Error(`${this.name} exited before ${what}:\n${this.tail()}`);
      }
      if (Date.now() > deadline) {
        throw new Error(`${this.name}: no ${what}:\n${this.tail()}`);
      }
      await this.nextLine(500);
    }
  }

  /** Resolves once the worker polls its queues. */
  ready(): Promise<LogLine> {
    return this.waitFor(
      (line) => line.message === 'worker started',
      'start',
      90_000,
    );
  }

  /** The lines with this message (and these fields). */
  logged(message: string, fields: Record<string, unknown> = {}): LogLine[] {
    return this.lines.filter(
      (line) =>
        line.message === message &&
        Object.entries(fields).every(([key, value]) => line[key] === value),
    );
  }

  /** SIGTERM to the worker's process, as systemd sends on scale-in. */
  terminate(): void {
    this.signal('SIGTERM');
  }

  /**
   * SIGKILL to the worker and its browser at once: the instance is gone.
   * The browser runs in a process group of its own, so it is ended
   * separately, as the instance's end would.
   */
  kill(): void {
    this.signal('SIGKILL');
    for (const pid of this.browserPids()) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Already gone with its pipe to the worker.
      }
    }
  }

  /** The exit, or `undefined` if it has not come within `timeoutMs`. */
  async exitWithin(timeoutMs: number): Promise<WorkerExit | undefined> {
    const waiting = new AbortController();
    const late = sleep(timeoutMs, undefined, { signal: waiting.signal });
    try {
      return await Promise.race([this.exited, late]);
    } finally {
      waiting.abort();
      await late.catch(() => undefined);
    }
  }

  /**
   * Ends the worker whatever state it is in: a clean stop if it comes
   * soon, else a kill, so no browser outlives the test.
   */
  async stop(): Promise<void> {
    if (this.running) this.terminate();
    if (!(await this.exitWithin(20_000))) this.kill();
    await this.exited;
  }

  /** Every line, for a failure message. */
  tail(count = 15): string {
    return this.lines
      .slice(-count)
      .map((line) => JSON.stringify(line))
      .join('\n');
  }

  private signal(signal: NodeJS.Signals): void {
    if (this.child.pid === undefined || !this.running) return;
    try {
      process.kill(this.child.pid, signal);
    } catch {
      // Exited meanwhile.
    }
  }

  private browserPids(): number[] {
    return this.logged('browser launched').flatMap((line) =>
      typeof line.pid === 'number' && line.pid !== this.child.pid
        ? [line.pid]
        : [],
    );
  }

  private nextLine(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiters.add(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private notify(): void {
    for (const waiter of this.waiters) waiter();
    this.waiters.clear();
  }
}

function parse(line: string): LogLine {
  try {
    const value = JSON.parse(line) as unknown;
    if (typeof value === 'object' && value !== null) return value as LogLine;
  } catch {
    // Not JSON: kept as text, so a stray print still shows in failures.
  }
  return { text: line };
}
