import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandFailedError, executePlan, type DeployPlan } from '../src/index';

function planOf(steps: string[][]): DeployPlan {
  return {
    target: { environment: 'dev', stackName: 's', region: 'eu-west-1' },
    revision: 'r1',
    functions: [],
    stateMachines: [],
    worker: false,
    stackFiles: [],
    undeployedProjects: [],
    steps: steps.map((argv, i) => ({ description: `step ${i}`, argv })),
  };
}

describe('executePlan', () => {
  const dir = mkdtempSync(join(tmpdir(), 'deploy-execute-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the steps in order and stops at the first that fails', async () => {
    const log = join(dir, 'log');
    const started: string[] = [];
    const plan = planOf([
      ['sh', '-c', `echo first >> ${log}`],
      ['sh', '-c', 'exit 3'],
      ['sh', '-c', `echo never >> ${log}`],
    ]);

    const run = executePlan(plan, {
      cwd: dir,
      onStep: (description) => started.push(description),
    });

    await expect(run).rejects.toThrow(CommandFailedError);
    await expect(run).rejects.toThrow(/exit code 3/);
    expect(readFileSync(log, 'utf8')).toBe('first\n');
    expect(started).toEqual(['step 0', 'step 1']);
  });
});
