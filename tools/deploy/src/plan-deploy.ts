import { stackOutput, type DeployPlan, type DeployStep } from './deploy-plan';
import type { DeployTarget } from './sam-config';
import type { StackInventory, WorkerGroup } from './stack-inventory';
import { stackFiles, workerBundle } from './worker-bundle';

/** What changed between the deployed revision and the one to deploy. */
export interface ChangeSet {
  /** `nx show projects --affected` between the two revisions. */
  affectedProjects: readonly string[];
  /** `git diff --name-only`, paths relative to the repository root. */
  changedFiles: readonly string[];
}

export interface PlanInput extends ChangeSet {
  target: DeployTarget;
  inventory: StackInventory;
  /** Commit id being deployed; names the uploaded worker bundle. */
  revision: string;
}

/**
 * Decides what a change set redeploys, and the commands that do it.
 *
 * - A function redeploys when the Nx project that builds it is affected,
 *   which includes a change in any library it imports.
 * - A state machine redeploys when its ASL file changed.
 * - The stack redeploys for either, or when template.yaml or
 *   samconfig.toml changed. `sam deploy` packages every function's build
 *   output, so every function project is built (Nx's cache keeps the
 *   unchanged ones cheap); CloudFormation then updates only what differs.
 * - A worker change uploads the new bundle and refreshes both groups.
 *
 * Pure: no files, processes or clock.
 */
export function planDeploy(input: PlanInput): DeployPlan {
  const affected = new Set(input.affectedProjects);
  const changed = new Set(input.changedFiles);
  const { inventory, target } = input;

  const functions = inventory.functions.filter((fn) =>
    affected.has(fn.project),
  );
  const stateMachines = inventory.stateMachines.filter((machine) =>
    changed.has(machine.definitionUri),
  );
  const changedStackFiles = stackFiles.filter((file) => changed.has(file));
  const worker = affected.has(workerBundle.project);

  const functionProjects = unique(inventory.functions.map((fn) => fn.project));
  const deployedProjects = new Set([...functionProjects, workerBundle.project]);
  const undeployedProjects = [...affected]
    .filter((project) => !deployedProjects.has(project))
    .sort();

  const stackChanged =
    functions.length > 0 ||
    stateMachines.length > 0 ||
    changedStackFiles.length > 0;

  const buildProjects = [
    ...(stackChanged ? functionProjects : []),
    ...(worker ? [workerBundle.project] : []),
  ];

  const steps: DeployStep[] = [];
  if (buildProjects.length > 0) steps.push(buildStep(buildProjects));
  if (stackChanged) steps.push(samDeployStep(target));
  if (worker) {
    steps.push(...workerSteps(target, input.revision, inventory.workerGroups));
  }

  return {
    target,
    revision: input.revision,
    functions,
    stateMachines,
    worker,
    stackFiles: changedStackFiles,
    undeployedProjects,
    steps,
  };
}

function buildStep(projects: string[]): DeployStep {
  return {
    description: 'build the deployed apps',
    argv: [
      'npx',
      'nx',
      'run-many',
      '--targets=build',
      `--projects=${unique(projects).sort().join(',')}`,
      '--outputStyle=static',
    ],
  };
}

function samDeployStep(target: DeployTarget): DeployStep {
  return {
    description: `deploy stack ${target.stackName}`,
    // No `sam build`: the code is already bundled under dist/.
    argv: [
      'sam',
      'deploy',
      '--config-env',
      target.environment,
      '--template-file',
      'template.yaml',
    ],
  };
}

function workerSteps(
  target: DeployTarget,
  revision: string,
  groups: WorkerGroup[],
): DeployStep[] {
  const archive = `dist/snapshot-worker-${revision}.tgz`;
  const bucket = `s3://${stackOutput(workerBundle.bucketOutput)}`;
  const versioned = `${bucket}/${workerBundle.keyPrefix}${revision}.tgz`;
  const region = ['--region', target.region];

  return [
    {
      description: 'pack the worker bundle',
      argv: ['tar', '-czf', archive, '-C', workerBundle.distDir, '.'],
    },
    {
      description: 'upload the worker bundle',
      argv: ['aws', 's3', 'cp', archive, versioned, ...region],
    },
    {
      description: 'make it the bundle new instances boot',
      argv: [
        'aws',
        's3',
        'cp',
        versioned,
        `${bucket}/${workerBundle.currentKey}`,
        ...region,
      ],
    },
    ...groups.map((group) => {
      const name = group.nameTemplate.replaceAll(
        '${AWS::StackName}',
        target.stackName,
      );
      return {
        description: `replace the instances of ${name}`,
        argv: [
          'aws',
          'autoscaling',
          'start-instance-refresh',
          '--auto-scaling-group-name',
          name,
          // Half the fleet keeps rendering while the other half boots.
          '--preferences',
          '{"MinHealthyPercentage":50,"InstanceWarmup":300}',
          ...region,
        ],
      };
    }),
  ];
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
