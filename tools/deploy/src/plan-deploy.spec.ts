import { planDeploy } from './plan-deploy';
import type { StackInventory } from './stack-inventory';

const inventory: StackInventory = {
  functions: [
    {
      logicalId: 'GetSnapshotFunction',
      project: 'snapshot-api',
      handler: 'get-snapshot',
      codeUri: 'dist/apps/snapshot-api/get-snapshot',
    },
    {
      logicalId: 'PlanBatchFunction',
      project: 'orchestration',
      handler: 'plan-batch',
      codeUri: 'dist/apps/orchestration/plan-batch',
    },
  ],
  stateMachines: [
    {
      logicalId: 'PrivateStateMachine',
      definitionUri: 'apps/orchestration/state-machines/private.asl.json',
    },
  ],
  workerGroups: [
    { logicalId: 'BatchWorkerGroup', nameTemplate: '${AWS::StackName}-batch' },
  ],
};

const target = {
  environment: 'staging',
  stackName: 'snaps',
  region: 'eu-west-2',
};

function plan(affectedProjects: string[], changedFiles: string[] = []) {
  return planDeploy({
    target,
    inventory,
    revision: 'abc123',
    affectedProjects,
    changedFiles,
  });
}

describe('planDeploy', () => {
  it('plans nothing when no deployed project or stack file changed', () => {
    const result = plan(['report-server', 'cli'], ['docs/deploy.md']);

    expect(result.steps).toEqual([]);
    expect(result.undeployedProjects).toEqual(['cli', 'report-server']);
  });

  it('builds every function app before a stack deploy', () => {
    const result = plan(['snapshot-api']);

    expect(result.functions.map((fn) => fn.logicalId)).toEqual([
      'GetSnapshotFunction',
    ]);
    expect(result.steps.map((step) => step.argv)).toEqual([
      [
        'npx',
        'nx',
        'run-many',
        '--targets=build',
        '--projects=orchestration,snapshot-api',
        '--outputStyle=static',
      ],
      [
        'sam',
        'deploy',
        '--config-env',
        'staging',
        '--template-file',
        'template.yaml',
      ],
    ]);
  });

  it('deploys the stack for a samconfig.toml change alone', () => {
    const result = plan([], ['samconfig.toml']);

    expect(result.stackFiles).toEqual(['samconfig.toml']);
    expect(result.steps.map((step) => step.argv[0])).toEqual(['npx', 'sam']);
  });

  it('names the state machine whose definition changed', () => {
    const result = plan(
      ['orchestration'],
      ['apps/orchestration/state-machines/private.asl.json'],
    );

    expect(result.stateMachines.map((m) => m.logicalId)).toEqual([
      'PrivateStateMachine',
    ]);
  });

  it('uploads the worker under its revision and refreshes each group', () => {
    const result = plan(['snapshot-worker']);
    const argv = result.steps.map((step) => step.argv.join(' '));

    expect(argv).toEqual([
      'npx nx run-many --targets=build --projects=snapshot-worker ' +
        '--outputStyle=static',
      'tar -czf dist/snapshot-worker-abc123.tgz -C dist/apps/snapshot-worker .',
      'aws s3 cp dist/snapshot-worker-abc123.tgz ' +
        's3://{{output:WorkerArtifactBucketName}}/snapshot-worker/abc123.tgz ' +
        '--region eu-west-2',
      'aws s3 cp ' +
        's3://{{output:WorkerArtifactBucketName}}/snapshot-worker/abc123.tgz ' +
        's3://{{output:WorkerArtifactBucketName}}/snapshot-worker/current.tgz ' +
        '--region eu-west-2',
      'aws autoscaling start-instance-refresh --auto-scaling-group-name ' +
        'snaps-batch --preferences ' +
        '{"MinHealthyPercentage":50,"InstanceWarmup":300} --region eu-west-2',
    ]);
  });
});
