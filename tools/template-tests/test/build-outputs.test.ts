import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import {
  functionProperty,
  resourcesOfType,
  workspaceRoot,
} from './support/stack';

// Builds the three deployed apps once, the way `npx nx run-many -t build`
// does, then checks what `sam deploy` would package. Slow on a busy
// machine: esbuild bundles eleven entry points.
jest.setTimeout(900_000);

const functions = resourcesOfType('AWS::Serverless::Function').map(
  ([logicalId]) => ({
    logicalId,
    bundle: join(
      workspaceRoot,
      String(functionProperty(logicalId, 'CodeUri')),
      'index.js',
    ),
  }),
);
const workerDist = join(workspaceRoot, 'dist/apps/snapshot-worker');

let build: { status: number | null; output: string };
const sandboxes: string[] = [];

beforeAll(() => {
  const run = spawnSync(
    'npx',
    [
      'nx',
      'run-many',
      '--targets=build',
      '--projects=snapshot-api,orchestration,snapshot-worker',
      '--outputStyle=static',
    ],
    {
      cwd: workspaceRoot,
      encoding: 'utf8',
      env: { ...process.env, NX_DAEMON: 'false' },
    },
  );
  build = { status: run.status, output: run.stdout + run.stderr };
});

afterAll(() => {
  for (const dir of sandboxes) rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs a script next to a copy of one bundle in an empty folder, as in a
 * Lambda: no node_modules to fall back on.
 */
function runBeside(bundle: string, script: string, env: NodeJS.ProcessEnv) {
  const dir = mkdtempSync(join(tmpdir(), 'lambda-bundle-'));
  sandboxes.push(dir);
  copyFileSync(bundle, join(dir, 'index.js'));
  return spawnSync(process.execPath, ['-e', script], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, AWS_REGION: 'eu-west-1', ...env },
    timeout: 120_000,
  });
}

describe('build outputs', () => {
  it('build with nx', () => {
    expect([build.status, build.status === 0 ? '' : build.output]).toEqual([
      0,
      '',
    ]);
  });

  it.each(functions)(
    '$logicalId is a bundle that loads alone and exports handler',
    ({ bundle }) => {
      expect(existsSync(bundle)).toBe(true);
      const run = runBeside(
        bundle,
        "process.stdout.write(typeof require('./index.js').handler)",
        {},
      );

      expect([run.stdout, run.stderr]).toEqual(['function', '']);
    },
  );

  // SQLite is the laptop's database: its driver is a native addon built
  // for this machine, which a bundle cannot carry to an arm64 Lambda.
  it.each(functions)(
    '$logicalId leaves the SQLite driver out of its bundle',
    ({ bundle }) => {
      const map = JSON.parse(readFileSync(`${bundle}.map`, 'utf8')) as {
        sources: string[];
      };
      const packages = new Set(
        map.sources.map((source) => /node_modules\/([^/]+)/.exec(source)?.[1]),
      );

      expect(packages.size).toBeGreaterThan(1);
      expect(packages.has('sqlite3')).toBe(false);
    },
  );

  it('packs the worker with its systemd unit and no workspace import', () => {
    const main = readFileSync(join(workerDist, 'main.js'), 'utf8');

    expect(existsSync(join(workerDist, 'deploy/snapshot-worker.service'))).toBe(
      true,
    );
    expect(main).not.toMatch(/require\("@snapshots\//);
  });

  // Sequelize loads its MySQL driver with a require() esbuild cannot
  // follow, so in Lambda, where no node_modules sits beside the bundle, the
  // steps that read DATASETS_URL could not load it until
  // @snapshots/datasets handed Sequelize the driver itself.
  it.each(
    functions.filter((fn) =>
      ['PlanBatchFunction', 'EnqueueJobsFunction'].includes(fn.logicalId),
    ),
  )('$logicalId reaches MySQL from its bundle alone', ({ bundle }) => {
    const event = readFileSync(
      join(workspaceRoot, 'events', `${basename(dirname(bundle))}.json`),
      'utf8',
    );
    const run = runBeside(
      bundle,
      `
      const chain = (e) => e ? e.message + ' <- ' + chain(e.cause) : '';
      require('./index.js')
        .handler(${event})
        .then(() => {}, (error) => process.stdout.write(chain(error)));
      `,
      // Nothing listens on ports 1 and 2: a working driver fails to
      // connect to MySQL on port 1, and no AWS call leaves the machine.
      {
        SNAPSHOTS_TABLE: 'snapshots',
        CAMPUSES_TABLE: 'campuses',
        BATCH_QUEUE_URL: 'http://127.0.0.1:2/000000000000/jobs',
        DATASETS_URL: 'mysql://root@127.0.0.1:1/x',
        AWS_ENDPOINT_URL: 'http://127.0.0.1:2',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
      },
    );

    expect(run.stdout).not.toContain('Please install mysql2');
    expect(run.stdout).toContain('ECONNREFUSED 127.0.0.1:1');
  });
});
