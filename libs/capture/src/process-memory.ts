import { readdir, readFile } from 'node:fs/promises';

/** Memory of a process tree, as read from /proc. */
export interface TreeMemory {
  /** Processes in the tree when it was read. */
  processes: number;
  /** Proportional set size: pages shared between processes count once. */
  pssMb: number;
  /** Resident set size summed over the tree (shared pages many times). */
  rssMb: number;
}

/**
 * The ids of `rootPid` and every process below it, read from /proc.
 * Empty once the root is gone, or where there is no /proc (not Linux).
 */
export async function processTree(rootPid: number): Promise<number[]> {
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return [];
  }

  const parents = await Promise.all(
    entries
      .filter((entry) => /^\d+$/.test(entry))
      .map(async (entry) => [Number(entry), await parentOf(entry)] as const),
  );
  if (!parents.some(([pid]) => pid === rootPid)) return [];
  const children = new Map<number, number[]>();
  for (const [pid, parent] of parents) {
    if (parent !== undefined) {
      children.set(parent, [...(children.get(parent) ?? []), pid]);
    }
  }

  const tree: number[] = [];
  const pending = [rootPid];
  for (let pid = pending.pop(); pid !== undefined; pid = pending.pop()) {
    tree.push(pid);
    pending.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/**
 * Memory of a process and everything below it. A browser is a dozen
 * processes that share many pages, so PSS is the sum that means
 * something; RSS is given too because it is what most tools show.
 * Undefined once the root is gone or where there is no /proc.
 */
export async function processTreeMemory(
  rootPid: number,
): Promise<TreeMemory | undefined> {
  const tree = await processTree(rootPid);
  const sizes = await Promise.all(tree.map(memoryKb));
  const known = sizes.filter((size) => size !== undefined);
  if (known.length === 0) return undefined;

  const sum = (pick: (size: { pss: number; rss: number }) => number) =>
    Math.round(known.reduce((total, size) => total + pick(size), 0) / 1024);
  return {
    processes: known.length,
    pssMb: sum((size) => size.pss),
    rssMb: sum((size) => size.rss),
  };
}

/**
 * Shortcoming: Linux only (/proc); elsewhere the memory ceiling never
 * triggers and only `recycleAfter` bounds a browser's life.
 *
 * A browser's memory in MiB, as proportional set size. Undefined where it
 * cannot be read.
 */
export async function processTreeMemoryMb(
  rootPid: number,
): Promise<number | undefined> {
  return (await processTreeMemory(rootPid))?.pssMb;
}

/** Whether a process still exists (a zombie counts as existing). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function parentOf(pid: string): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: the fields after
    // the last ')' are the state, then the parent's id.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

async function memoryKb(
  pid: number,
): Promise<{ pss: number; rss: number } | undefined> {
  try {
    const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
    const field = (name: string) =>
      Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1]);
    const pss = field('Pss');
    const rss = field('Rss');
    return Number.isFinite(pss) && Number.isFinite(rss)
      ? { pss, rss }
      : undefined;
  } catch {
    return undefined;
  }
}
