import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

const parentScript = join(__dirname, 'fixtures', 'stack-parent.ts');
const workspaceRoot = join(__dirname, '..', '..', '..');

async function answers(endpoint: string): Promise<boolean> {
  try {
    await fetch(endpoint, { signal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
}

describe('a spawned local stack', () => {
  it('stops when its parent is killed outright', async () => {
    const parent = spawn(process.execPath, ['--import', 'tsx', parentScript], {
      cwd: workspaceRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: parent.stdout });
    const line = await Promise.race([
      once(lines, 'line').then(([first]) => String(first)),
      sleep(30_000).then(() => '{}'),
    ]);
    lines.close();
    const environment = JSON.parse(line) as Record<string, string>;
    const endpoint = environment.AWS_ENDPOINT_URL_DYNAMODB ?? '';
    expect(await answers(endpoint)).toBe(true);

    parent.kill('SIGKILL');

    const deadline = Date.now() + 20_000;
    while ((await answers(endpoint)) && Date.now() < deadline) {
      await sleep(200);
    }
    expect(await answers(endpoint)).toBe(false);
  }, 60_000);
});
