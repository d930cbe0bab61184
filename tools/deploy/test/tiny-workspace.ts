import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const workspaceRoot = join(__dirname, '../../..');

const gitIdentity = {
  GIT_AUTHOR_NAME: 'Deploy Test',
  GIT_AUTHOR_EMAIL: 'deploy-test@example.invalid',
  GIT_COMMITTER_NAME: 'Deploy Test',
  GIT_COMMITTER_EMAIL: 'deploy-test@example.invalid',
};

/**
 * A throw-away git repository laid out like this workspace, in miniature:
 * the three deployed apps, three libraries they import through path
 * aliases, the real template.yaml, and this workspace's node_modules, so
 * that the real `nx` and `git` answer about it.
 */
export class TinyWorkspace {
  readonly root = mkdtempSync(join(tmpdir(), 'deploy-workspace-'));

  constructor() {
    this.git('init', '--quiet', '--initial-branch=main');
    symlinkSync(
      join(workspaceRoot, 'node_modules'),
      join(this.root, 'node_modules'),
    );
    this.write('.gitignore', 'node_modules\n.nx\ndist\n');
    this.write('nx.json', JSON.stringify({ neverConnectToCloud: true }));
    // @nx/js among the dependencies turns on Nx's import analysis.
    this.write(
      'package.json',
      JSON.stringify({
        name: 'tiny-workspace',
        private: true,
        devDependencies: { '@nx/js': '*' },
      }),
    );
    this.write(
      'tsconfig.base.json',
      JSON.stringify({
        compilerOptions: {
          baseUrl: '.',
          paths: {
            '@tiny/keys': ['libs/keys/src/index.ts'],
            '@tiny/metadata': ['libs/metadata/src/index.ts'],
            '@tiny/capture': ['libs/capture/src/index.ts'],
          },
        },
      }),
    );
    this.write('README.md', '# tiny\n');
    this.copyTemplate();

    this.project('libs/keys', 'keys');
    this.write('libs/keys/src/index.ts', 'export const keys = 1;\n');
    this.project('libs/metadata', 'metadata');
    this.write('libs/metadata/src/index.ts', 'export const metadata = 1;\n');
    this.project('libs/capture', 'capture');
    this.write('libs/capture/src/index.ts', 'export const capture = 1;\n');

    this.project('apps/snapshot-api', 'snapshot-api');
    this.write(
      'apps/snapshot-api/src/handlers/request-snapshot.ts',
      "import { keys } from '@tiny/keys';\nexport const handler = () => keys;\n",
    );
    this.project('apps/orchestration', 'orchestration');
    this.write(
      'apps/orchestration/src/handlers/plan-batch.ts',
      "import { metadata } from '@tiny/metadata';\n" +
        'export const handler = () => metadata;\n',
    );
    this.write('apps/orchestration/state-machines/batch.asl.json', '{}\n');
    this.write('apps/orchestration/state-machines/private.asl.json', '{}\n');
    this.project('apps/snapshot-worker', 'snapshot-worker');
    this.write(
      'apps/snapshot-worker/src/main.ts',
      "import { capture } from '@tiny/capture';\n" +
        "import { metadata } from '@tiny/metadata';\n" +
        'export const main = () => capture + metadata;\n',
    );

    this.commit('initial layout');
  }

  write(path: string, content: string): void {
    const file = join(this.root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }

  /** Commits everything and returns the new commit's id. */
  commit(message: string): string {
    this.git('add', '--all');
    this.git('commit', '--quiet', '--message', message);
    return this.git('rev-parse', 'HEAD').trim();
  }

  git(...args: string[]): string {
    return execFileSync('git', args, {
      cwd: this.root,
      env: { ...process.env, ...gitIdentity },
      encoding: 'utf8',
    });
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }

  private project(root: string, name: string): void {
    this.write(`${root}/project.json`, JSON.stringify({ name }));
  }

  private copyTemplate(): void {
    this.write(
      'template.yaml',
      readFileSync(join(workspaceRoot, 'template.yaml'), 'utf8'),
    );
  }
}
