import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

describe('report-server command', () => {
  it('prints its URL, serves seeded dashboards and stops on SIGTERM', async () => {
    const cli = spawn(
      process.execPath,
      [
        require.resolve('tsx/cli'),
        join(__dirname, '..', 'src', 'cli.ts'),
        '--database',
        'sqlite::memory:',
        '--seed',
        '6',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const lines = createInterface({ input: cli.stdout });
      const [firstLine] = (await once(lines, 'line')) as [string];

      const answer = await fetch(
        `${firstLine}/api/dashboards/region-summary/visuals/kpi-campuses?p.Region=[ALL]`,
      );

      expect(firstLine).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await answer.json()).toMatchObject({ kind: 'kpi', value: 6 });
    } finally {
      cli.kill('SIGTERM');
    }
    const [code] = (await once(cli, 'exit')) as [number | null];
    expect(code).toBe(0);
  });
});
