import { execFileSync } from 'node:child_process';
import { planDeploy } from './plan-deploy';
import { renderPlan, shellWord } from './render-plan';

const bash = (script: string) =>
  execFileSync('bash', ['-c', script], { encoding: 'utf8' });

describe('shellWord', () => {
  it.each([
    'plain/word-1.0',
    "it's quoted",
    '{"MinHealthyPercentage":50}',
    'a $dollar and `ticks` and "quotes"',
  ])('hands %s to bash unchanged', (word) => {
    expect(bash(`printf '%s' ${shellWord(word)}`)).toBe(word);
  });

  it('lets bash fill in a stack output, and nothing else', () => {
    const word = shellWord('s3://{{output:Bucket}}/$HOME/key');

    expect(bash(`Bucket=b1; printf '%s' ${word}`)).toBe('s3://b1/$HOME/key');
  });
});

describe('renderPlan', () => {
  it('prints a script bash accepts, reading outputs after the deploy', () => {
    const plan = planDeploy({
      target: { environment: 'dev', stackName: 's', region: 'eu-west-1' },
      inventory: {
        functions: [
          {
            logicalId: 'F',
            project: 'snapshot-api',
            handler: 'f',
            codeUri: 'dist/apps/snapshot-api/f',
          },
        ],
        stateMachines: [],
        workerGroups: [],
      },
      revision: 'r1',
      affectedProjects: ['snapshot-api', 'snapshot-worker'],
      changedFiles: [],
    });
    const script = renderPlan(plan);

    expect(() => bash(`bash -n <<'SCRIPT'\n${script}SCRIPT`)).not.toThrow();
    expect(script.indexOf('sam deploy')).toBeLessThan(
      script.indexOf('WorkerArtifactBucketName=$('),
    );
  });

  it('says so when there is nothing to deploy', () => {
    const plan = planDeploy({
      target: { environment: 'dev', stackName: 's', region: 'eu-west-1' },
      inventory: { functions: [], stateMachines: [], workerGroups: [] },
      revision: 'r1',
      affectedProjects: [],
      changedFiles: ['README.md'],
    });

    expect(renderPlan(plan)).toMatch(/# nothing to deploy\n$/);
  });
});
