import {
  fillStackOutputs,
  stackOutputsIn,
  type DeployPlan,
} from './deploy-plan';
import type { DeployTarget } from './sam-config';

/**
 * The plan as a bash script: a summary in comments, then each step's
 * command. A stack output is read into a shell variable just before the
 * first step that needs it (after `sam deploy` has created it), so the
 * script runs as printed.
 */
export function renderPlan(plan: DeployPlan): string {
  const { target } = plan;
  const lines = [
    `# deploy ${target.environment}: stack ${target.stackName} in ` +
      `${target.region}, revision ${plan.revision}`,
    ...summary(plan).map((line) => `# ${line}`),
  ];

  if (plan.steps.length === 0) {
    lines.push('# nothing to deploy');
    return lines.join('\n') + '\n';
  }

  lines.push('set -euo pipefail');
  const read = new Set<string>();
  for (const step of plan.steps) {
    for (const name of stackOutputsIn([step])) {
      if (read.has(name)) continue;
      read.add(name);
      lines.push(`# read the stack output ${name}`, readOutput(target, name));
    }
    lines.push(`# ${step.description}`, step.argv.map(shellWord).join(' '));
  }
  return lines.join('\n') + '\n';
}

function readOutput(target: DeployTarget, name: string): string {
  const query = `Stacks[0].Outputs[?OutputKey=='${name}'].OutputValue`;
  const argv = [
    'aws',
    'cloudformation',
    'describe-stacks',
    '--stack-name',
    target.stackName,
    '--region',
    target.region,
    '--query',
    query,
    '--output',
    'text',
  ];
  return `${name}=$(${argv.map(shellWord).join(' ')})`;
}

function summary(plan: DeployPlan): string[] {
  const section = (title: string, items: string[]) =>
    items.length === 0
      ? [`${title}: none`]
      : [`${title}:`, ...items.map((item) => `  ${item}`)];

  return [
    ...section(
      'functions',
      plan.functions.map((fn) => `${fn.logicalId} <- ${fn.codeUri}`),
    ),
    ...section(
      'state machines',
      plan.stateMachines.map((m) => `${m.logicalId} <- ${m.definitionUri}`),
    ),
    `worker bundle: ${plan.worker ? 'changed' : 'unchanged'}`,
    `stack files changed: ${plan.stackFiles.join(', ') || 'none'}`,
    'affected projects with no deployment of their own: ' +
      (plan.undeployedProjects.join(', ') || 'none'),
  ];
}

const plainWord = /^[\w@%+=:,./-]+$/;

/** Quotes one argument for bash; stack outputs become `${Name}`. */
export function shellWord(argument: string): string {
  if (plainWord.test(argument)) return argument;
  if (stackOutputsIn([{ description: '', argv: [argument] }]).length > 0) {
    // Escape first, then fill in: the filled-in `${Name}` must expand.
    const escaped = argument.replace(/[\\"$`]/g, (c) => `\\${c}`);
    return `"${fillStackOutputs(escaped, (name) => `\${${name}}`)}"`;
  }
  return `'${argument.replaceAll("'", `'\\''`)}'`;
}
