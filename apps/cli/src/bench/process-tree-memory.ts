import { readdir, readFile } from 'node:fs/promises';

export interface TreeMemory {
  /** Processes in the tree when it was read. */
  processes: number;
  /** Proportional set size: pages shared between processes count once. */
  pssMb: number;
  /** Resident set size summed over the tree (shared pages many times). */
  rssMb: number;
}

/**
 * Memory of a process and everything below it, read from /proc. A worker
 * is a Node process with a Chromium of a dozen processes beneath it, which
 * share many pages, so PSS is the sum that means something; RSS is given
 * too because it is what most tools show. Undefined once the root is gone
 * or where there is no /proc.
 */
export async function treeMemory(
  rootPid: number,
): Promise<TreeMemory | undefined> {
  const tree = await processTree(rootPid);
  if (tree.length === 0) return undefined;

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

async function processTree(rootPid: number): Promise<number[]> {
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return [];
  }

  const children = new Map<number, number[]>();
  const parents = await Promise.all(
    entries
      .filter((entry) => /^\d+$/.test(entry))
      .map(async (entry) => [Number(entry), await parentOf(entry)] as const),
  );
  for (const [pid, parent] of parents) {
    if (parent !== undefined) {
      children.set(parent, [...(children.get(parent) ?? []), pid]);
    }
  }
  if (!parents.some(([pid]) => pid === rootPid)) return [];

  const tree: number[] = [];
  const pending = [rootPid];
  for (let pid = pending.pop(); pid !== undefined; pid = pending.pop()) {
    tree.push(pid);
    pending.push(...(children.get(pid) ?? []));
  }
  return tree;
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
