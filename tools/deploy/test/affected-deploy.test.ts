import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  collectChanges,
  parseCloudFormation,
  planDeploy,
  stackInventory,
  type DeployPlan,
} from '../src/index';
import { TinyWorkspace } from './tiny-workspace';

// Each case asks the real nx and git about a real commit; nx takes a few
// seconds per question on a busy machine.
jest.setTimeout(240_000);

const target = {
  environment: 'dev',
  stackName: 'snapshots-dev',
  region: 'eu-west-1',
};

describe('what a commit redeploys, asked of nx and git', () => {
  let workspace: TinyWorkspace;
  let before: string;

  beforeAll(() => {
    workspace = new TinyWorkspace();
    before = workspace.git('rev-parse', 'HEAD').trim();
  });

  afterAll(() => workspace.remove());

  // Each case commits on top of the previous one and plans that commit.
  async function planCommit(
    change: () => void,
    message: string,
  ): Promise<DeployPlan> {
    change();
    const head = workspace.commit(message);
    const changes = await collectChanges({
      cwd: workspace.root,
      base: before,
      head,
    });
    before = head;
    const inventory = stackInventory(
      parseCloudFormation(
        readFileSync(join(workspace.root, 'template.yaml'), 'utf8'),
      ),
    );
    return planDeploy({ ...changes, target, inventory });
  }

  const logicalIds = (plan: DeployPlan) =>
    plan.functions.map((fn) => fn.logicalId).sort();
  const commands = (plan: DeployPlan) =>
    plan.steps.map((step) => step.argv.slice(0, 3).join(' '));

  it('redeploys the functions of the app that imports a changed library', async () => {
    const plan = await planCommit(
      () =>
        workspace.write('libs/keys/src/index.ts', 'export const keys = 2;\n'),
      'change the keys library',
    );

    expect(logicalIds(plan)).toEqual([
      'GetSnapshotFunction',
      'ListReportsFunction',
      'RequestSnapshotFunction',
    ]);
    expect(plan.worker).toBe(false);
    expect(plan.stateMachines).toEqual([]);
    expect(plan.undeployedProjects).toEqual(['keys']);
    expect(commands(plan)).toEqual([
      'npx nx run-many',
      'sam deploy --config-env',
    ]);
  });

  it('redeploys nothing for a README change', async () => {
    const plan = await planCommit(
      () => workspace.write('README.md', '# tiny\n\nMore words.\n'),
      'explain more',
    );

    expect(plan.functions).toEqual([]);
    expect(plan.worker).toBe(false);
    expect(plan.steps).toEqual([]);
  });

  it('redeploys a state machine whose ASL changed, with its app', async () => {
    const plan = await planCommit(
      () =>
        workspace.write(
          'apps/orchestration/state-machines/batch.asl.json',
          '{ "StartAt": "PlanBatch" }\n',
        ),
      'change the batch state machine',
    );

    expect(plan.stateMachines.map((m) => m.logicalId)).toEqual([
      'BatchStateMachine',
    ]);
    expect(new Set(plan.functions.map((fn) => fn.project))).toEqual(
      new Set(['orchestration']),
    );
    expect(plan.worker).toBe(false);
  });

  it('ships only the worker bundle when only the worker changed', async () => {
    const plan = await planCommit(
      () =>
        workspace.write(
          'libs/capture/src/index.ts',
          'export const capture = 2;\n',
        ),
      'change the capture library',
    );

    expect(plan.functions).toEqual([]);
    expect(plan.worker).toBe(true);
    expect(commands(plan)).toEqual([
      'npx nx run-many',
      'tar -czf dist/snapshot-worker-' + plan.revision + '.tgz',
      'aws s3 cp',
      'aws s3 cp',
      'aws autoscaling start-instance-refresh',
      'aws autoscaling start-instance-refresh',
    ]);
    expect(plan.steps[0]?.argv).toContain('--projects=snapshot-worker');
  });

  it('redeploys every user of a library shared by functions and worker', async () => {
    const plan = await planCommit(
      () =>
        workspace.write(
          'libs/metadata/src/index.ts',
          'export const metadata = 2;\n',
        ),
      'change the metadata library',
    );

    expect(new Set(plan.functions.map((fn) => fn.project))).toEqual(
      new Set(['orchestration']),
    );
    expect(plan.worker).toBe(true);
    expect(plan.steps[0]?.argv).toContain(
      '--projects=orchestration,snapshot-api,snapshot-worker',
    );
  });

  it('redeploys the stack, and no code, when only the template changed', async () => {
    const plan = await planCommit(
      () =>
        workspace.write(
          'template.yaml',
          readFileSync(join(workspace.root, 'template.yaml'), 'utf8') +
            '# a comment\n',
        ),
      'touch the template',
    );

    expect(plan.functions).toEqual([]);
    expect(plan.stackFiles).toEqual(['template.yaml']);
    expect(commands(plan)).toEqual([
      'npx nx run-many',
      'sam deploy --config-env',
    ]);
  });
});
