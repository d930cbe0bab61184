import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EmbeddedService } from '@snapshots/embedded-service';

/** A process as /proc shows it; the start time tells a reused pid apart. */
export interface SeenProcess {
  pid: number;
  startTime: string;
  command: string;
}

interface ProcStat extends SeenProcess {
  parentPid: number;
  zombie: boolean;
}

/**
 * Notes every process of a worker group while a batch runs: each worker,
 * and whatever it started (the TypeScript loader's child, Chromium and its
 * helpers), so that afterwards the test can tell whether any outlived the
 * scale-in. Linux only: it reads /proc.
 */
export class WorkerProcessWatch {
  private readonly seen = new Map<string, SeenProcess>();
  private timer?: NodeJS.Timeout;
  /** The most workers seen in the group at once. */
  peakWorkers = 0;

  constructor(
    private readonly service: EmbeddedService,
    private readonly groupName: string,
  ) {}

  start(everyMs = 250): this {
    this.look();
    this.timer = setInterval(() => this.look(), everyMs);
    return this;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Every process noted so far. */
  get processes(): SeenProcess[] {
    return [...this.seen.values()];
  }

  /** Noted processes still running (a zombie has ended). */
  stillRunning(): SeenProcess[] {
    const running = new Map(
      processTable().map((stat) => [key(stat), stat] as const),
    );
    return this.processes.filter((process) => {
      const now = running.get(key(process));
      return now !== undefined && !now.zombie;
    });
  }

  /**
   * Waits until every noted process has ended, and returns those still
   * running when `timeoutMs` is up (none when all ended).
   */
  async untilAllEnded(timeoutMs: number): Promise<SeenProcess[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const running = this.stillRunning();
      if (running.length === 0 || Date.now() > deadline) return running;
      await sleep(250);
    }
  }

  private look(): void {
    const group = this.service.autoScaling.describeGroup(this.groupName);
    const roots = (group?.instances ?? []).map((instance) => instance.pid);
    this.peakWorkers = Math.max(this.peakWorkers, roots.length);
    if (roots.length === 0) return;

    const table = processTable();
    const children = new Map<number, ProcStat[]>();
    for (const stat of table) {
      const siblings = children.get(stat.parentPid) ?? [];
      siblings.push(stat);
      children.set(stat.parentPid, siblings);
    }
    const queue = table.filter((stat) => roots.includes(stat.pid));
    for (let next = queue.shift(); next; next = queue.shift()) {
      if (next.zombie) continue;
      this.seen.set(key(next), {
        pid: next.pid,
        startTime: next.startTime,
        command: next.command,
      });
      queue.push(...(children.get(next.pid) ?? []));
    }
  }
}

function key(process: { pid: number; startTime: string }): string {
  return `${process.pid}@${process.startTime}`;
}

function processTable(): ProcStat[] {
  const table: ProcStat[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(entry);
    if (stat) table.push(stat);
  }
  return table;
}

/**
 * Fields of /proc/<pid>/stat after the command name, which is in
 * parentheses and may itself hold spaces and parentheses.
 */
function readStat(pid: string): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // it ended while the table was read
  }
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  const fields = text.slice(close + 2).split(' ');
  const [state, parentPid] = fields;
  // starttime is field 22 of the whole line, 20 after the command name.
  const startTime = fields[19];
  if (!state || !parentPid || !startTime) return undefined;
  return {
    pid: Number(pid),
    parentPid: Number(parentPid),
    startTime,
    command: text.slice(open + 1, close),
    zombie: state === 'Z',
  };
}
