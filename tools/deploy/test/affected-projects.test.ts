import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureCommand } from '../src/run-command';
import { workspaceRoot } from './tiny-workspace';

// Nx works the project graph out of this workspace's sources on a busy
// machine: allow it a while.
jest.setTimeout(120_000);

// GIT_DIR names a folder that is no repository, so that every git call
// fails: the answers come from the files named and the project graph
// alone, whatever branch, commits or uncommitted work the checkout has.
const noRepository = mkdtempSync(join(tmpdir(), 'no-repository-'));
afterAll(() => rmSync(noRepository, { recursive: true, force: true }));

async function affectedBy(...files: string[]): Promise<string[]> {
  const output = await captureCommand(
    [
      'npx',
      'nx',
      'show',
      'projects',
      '--affected',
      `--files=${files.join(',')}`,
      '--json',
    ],
    {
      cwd: workspaceRoot,
      env: { ...process.env, NX_DAEMON: 'false', GIT_DIR: noRepository },
    },
  );
  return (JSON.parse(output) as string[]).sort();
}

describe('what Nx counts as affected in this workspace', () => {
  it('names a changed library and every app that imports it', async () => {
    const affected = await affectedBy('libs/snapshot-keys/src/index.ts');

    expect(affected).toEqual(
      expect.arrayContaining([
        'snapshot-keys',
        'snapshot-api',
        'orchestration',
        'snapshot-worker',
        'cli',
      ]),
    );
    expect(affected).not.toContain('report-server');
    expect(affected).not.toContain('deploy');
  });

  it('names an app alone, with the template tests that build it', async () => {
    const affected = await affectedBy('apps/snapshot-worker/src/main.ts');

    // template-tests depends on the deployed apps implicitly: it builds them.
    expect(affected).toEqual(['snapshot-worker', 'template-tests']);
  });

  it('names no project for a README or docs change', async () => {
    expect(await affectedBy('README.md', 'docs/deploy.md')).toEqual([]);
  });
});
