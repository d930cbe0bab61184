import { readdir, readFile } from 'node:fs/promises';

/**
 * The ids of `rootPid` and every process below it, read from /proc.
 * Empty where there is no /proc (not Linux).
 */
export async function processTree(rootPid: number): Promise<number[]> {
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return [];
  }

  const children = new Map<number, number[]>();
  await Promise.all(
    entries
      .filter((entry) => /^\d+$/.test(entry))
      .map(async (entry) => {
        const parent = await parentOf(Number(entry));
        if (parent === undefined) return;
        children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
      }),
  );

  const tree: number[] = [];
  const pending = [rootPid];
  for (let pid = pending.pop(); pid !== undefined; pid = pending.pop()) {
    tree.push(pid);
    pending.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/**
 * Shortcoming: Linux only (/proc); elsewhere the memory ceiling never
 * triggers and only `recycleAfter` bounds a browser's life.
 *
 * Memory of a process tree in MiB, as proportional set size so pages the
 * processes share (Chromium shares many) count once. Undefined where it
 * cannot be read.
 */
export async function processTreeMemoryMb(
  rootPid: number,
): Promise<number | undefined> {
  const tree = await processTree(rootPid);
  if (tree.length === 0) return undefined;

  const sizes = await Promise.all(tree.map(proportionalSetKb));
  const known = sizes.filter((size): size is number => size !== undefined);
  if (known.length === 0) return undefined;
  return known.reduce((sum, size) => sum + size, 0) / 1024;
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

async function parentOf(pid: number): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields after the
    // last ')' are state, then parent id.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[1]);
  } catch {
    return undefined;
  }
}

async function proportionalSetKb(pid: number): Promise<number | undefined> {
  try {
    const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
    const match = /^Pss:\s+(\d+) kB/m.exec(rollup);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}
