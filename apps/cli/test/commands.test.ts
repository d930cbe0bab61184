import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PNG } from 'pngjs';
import type { DrillOutcome } from '../src/drills/drill';
import { runCli, startCli, workspaceRoot } from './support/run-cli';

// Each command boots the whole embedded service with its workers and
// Chromium, as a user's would: minutes, not seconds, on a small machine.
jest.setTimeout(300_000);

const folder = join(workspaceRoot, 'tmp', 'cli-test');

beforeAll(() => rm(folder, { recursive: true, force: true }));

describe('snapshots --help', () => {
  it.each(['demo', 'batch', 'serve', 'token', 'drills', 'bench'])(
    'shows what %s does and its options, and starts nothing',
    async (name) => {
      const run = await runCli([name, '--help']);

      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^snapshots ${name}: .*--`));
    },
  );

  it('answers an unknown command with exit 2 and the list of commands', async () => {
    const run = await runCli(['render']);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown command 'render'[\s\S]*demo/);
  });
});

describe('snapshots demo', () => {
  it('runs a batch and a private request, prints a summary and a gallery, exits 0', async () => {
    const data = join(folder, 'demo');

    const run = await runCli([
      'demo',
      ...['--campuses', '6', '--workers', '2', '--data', data],
    ]);

    expect(run.stderr).not.toMatch(/snapshots:/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /public batch \S+: 6 READY, 0 FAILED of 6 in [\d.]+ s/,
    );
    expect(run.stdout).toMatch(/private request trends for s-\d+: READY/);
    const gallery = /gallery: (.+)$/m.exec(run.stdout)?.[1] ?? '';
    const page = await readFile(gallery, 'utf8');
    const pictures = [...page.matchAll(/<img [^>]*src="([^"]+)"/g)].map(
      (match) => join(gallery, '..', match[1] ?? ''),
    );
    expect(pictures).toHaveLength(7);
    for (const picture of pictures) {
      const png = PNG.sync.read(await readFile(picture));
      expect(png.width).toBeGreaterThan(100);
    }
    expect(page).not.toMatch(/FAILED/);
  });

  it('says how to install Chromium when there is none, before starting anything', async () => {
    const data = join(folder, 'no-chromium');

    const run = await runCli(['demo', '--data', data], {
      CHROME_PATH: '/nonexistent/chromium',
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no Chromium at \/nonexistent\/chromium/);
    expect(run.stderr).toMatch(/CHROME_PATH/);
    expect(run.stderr).toMatch(/apt-get install chromium/);
    expect(existsSync(data)).toBe(false);
  });

  it.each([
    [['--campuses', 'many'], /--campuses must be a whole number/],
    [['--campuses', '0'], /--campuses must be a whole number from 1/],
    [['--workers', '2.5'], /--workers must be a whole number/],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('refuses %j with exit 2 and names the option', async (args, message) => {
    const run = await runCli(['demo', ...args]);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});

describe('snapshots batch', () => {
  it('prints the summary as JSON: one entry per job with its final status', async () => {
    const run = await runCli([
      'batch',
      ...['--report', 'region-summary', '--json'],
      ...['--campuses', '6', '--data', join(folder, 'batch')],
    ]);

    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as {
      batchId: string;
      status: string;
      total: number;
      ready: number;
      failed: number;
      jobs: Record<string, unknown>[];
    };
    expect(summary).toMatchObject({ status: 'SUCCEEDED', failed: 0 });
    expect(summary.jobs.length).toBeGreaterThan(0);
    expect(summary.jobs).toHaveLength(summary.total);
    for (const job of summary.jobs) {
      expect(job).toMatchObject({
        snapshotId: expect.stringMatching(/^snp_/),
        region: expect.stringMatching(/^r-\d+$/),
        status: 'READY',
      });
    }
  });

  it('refuses a report it does not know, naming the ones it does', async () => {
    const run = await runCli(['batch', '--report', 'nope']);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown report 'nope'; reports: .*trends/);
  });
});

describe('snapshots token and serve', () => {
  it('mints a token that grants what was asked', async () => {
    const run = await runCli(['token', '--school', 's-00002', '--hours', '2']);

    expect(run.code).toBe(0);
    const claims = payloadOf(run.stdout.trim());
    expect(claims).toMatchObject({ schools: ['s-00002'] });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(7200);
  });

  it('refuses to mint a token that grants nothing', async () => {
    const run = await runCli(['token']);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--school ID, --region ID or --admin/);
  });

  it('serves the API on the address it prints, and stops on SIGTERM', async () => {
    const token = (await runCli(['token', '--admin'])).stdout.trim();
    const serving = startCli([
      'serve',
      ...['--campuses', '4', '--data', join(folder, 'serve')],
    ]);
    if (!serving.child.stdout) throw new Error('serve has no stdout');
    const lines = createInterface({ input: serving.child.stdout });
    let address = '';
    for await (const line of lines) {
      address = /^listening on (\S+)/.exec(line)?.[1] ?? '';
      if (address) break;
    }

    const answer = await fetch(`${address}/reports`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const anonymous = await fetch(`${address}/reports`);
    serving.child.kill('SIGTERM');
    const run = await serving.done;

    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { reports: { reportId: string }[] };
    expect(body.reports.map((report) => report.reportId)).toContain('trends');
    expect(anonymous.status).toBe(401);
    expect(run.code).toBe(0);
  });
});

describe('snapshots drills', () => {
  it('passes the drills it is asked for, with no job lost or stuck', async () => {
    const json = join(folder, 'drills.json');

    const run = await runCli([
      'drills',
      ...['--only', 'always-fails,abandoned-lease', '--json', json],
    ]);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/2 passed, 0 failed/);
    const outcomes = JSON.parse(await readFile(json, 'utf8')) as DrillOutcome[];
    expect(outcomes.map((o) => o.drill)).toEqual([
      'always-fails',
      'abandoned-lease',
    ]);
    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({ lost: 0, stuck: 0, passed: true });
    }
    expect(outcomes[0]).toMatchObject({ jobs: 3, ready: 2, failed: 1 });
  });

  it('names the drills when asked for one that does not exist', async () => {
    const run = await runCli(['drills', '--only', 'nope']);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--only takes drill names: worker-killed/);
  });
});

/** The claims of a JWT, read without checking it (the server checks). */
function payloadOf(token: string): Record<string, unknown> & {
  exp?: number;
  iat?: number;
} {
  const [, payload = ''] = token.split('.');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
    exp?: number;
    iat?: number;
  };
}
