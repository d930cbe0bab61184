import { readFileSync, readdirSync } from 'node:fs';

/**
 * Chromium processes started by this test process (directly or below),
 * read from /proc: the pool does not expose its browser.
 */
export function chromiumProcesses(): {
  pid: number;
  parent: number;
  state: string;
}[] {
  const stats = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const [state = '', parent = ''] = stat
          .slice(stat.lastIndexOf(')') + 2)
          .split(' ');
        return [{ pid: Number(entry), parent: Number(parent), name, state }];
      } catch {
        return [];
      }
    });

  const ours = new Set([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const stat of stats) {
      if (!ours.has(stat.pid) && ours.has(stat.parent)) {
        ours.add(stat.pid);
        grew = true;
      }
    }
  }
  return stats
    .filter((stat) => ours.has(stat.pid) && /chrom/i.test(stat.name))
    .map(({ pid, parent, state }) => ({ pid, parent, state }));
}

/** The browser process: the Chromium whose parent is this process. */
export function browserPid(): number | undefined {
  return chromiumProcesses().find((stat) => stat.parent === process.pid)?.pid;
}

/** Chromium's renderer processes (one or more per open tab). */
export function rendererPids(): number[] {
  return chromiumProcesses()
    .map((stat) => stat.pid)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(
          '--type=renderer',
        );
      } catch {
        return false;
      }
    });
}
