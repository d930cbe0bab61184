import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Captures the workers ran for one snapshot, from their own JSON log
 * lines: the capture pool logs every capture that ends, well or not.
 */
export async function capturesInLogs(
  logDir: string,
  snapshotId: string,
): Promise<{ finished: number; failed: number }> {
  const counts = { finished: 0, failed: 0 };
  for (const file of await readdir(logDir)) {
    if (!file.endsWith('.log')) continue;
    const text = await readFile(join(logDir, file), 'utf8');
    for (const line of text.split('\n')) {
      if (!line.includes(snapshotId)) continue;
      const entry = parse(line);
      if (entry?.snapshotId !== snapshotId) continue;
      if (entry.message === 'capture finished') counts.finished++;
      if (entry.message === 'capture failed') counts.failed++;
    }
  }
  return counts;
}

function parse(
  line: string,
): { message?: string; snapshotId?: string } | undefined {
  try {
    return JSON.parse(line) as { message?: string; snapshotId?: string };
  } catch {
    return undefined;
  }
}
