import type { DeployTarget } from './sam-config';
import type { DeployedFunction, DeployedStateMachine } from './stack-inventory';

/** One command of a plan, run from the repository root. */
export interface DeployStep {
  description: string;
  /**
   * Program and arguments. `{{output:Name}}` inside an argument stands for
   * the stack output `Name`, looked up when the step runs.
   */
  argv: readonly string[];
}

/** What changed between two revisions and how to ship it. */
export interface DeployPlan {
  target: DeployTarget;
  revision: string;
  functions: DeployedFunction[];
  stateMachines: DeployedStateMachine[];
  /** The worker bundle changed: upload it and refresh the groups. */
  worker: boolean;
  /** template.yaml or samconfig.toml changed. */
  stackFiles: string[];
  /** Affected projects that deploy nothing themselves (libs, tools). */
  undeployedProjects: string[];
  steps: DeployStep[];
}

const outputPattern = /\{\{output:([A-Za-z0-9]+)\}\}/g;

/** `{{output:Name}}` for an argument of a step. */
export function stackOutput(name: string): string {
  return `{{output:${name}}}`;
}

/** Names of the stack outputs the steps refer to, in first-use order. */
export function stackOutputsIn(steps: readonly DeployStep[]): string[] {
  const names = new Set<string>();
  for (const step of steps) {
    for (const argument of step.argv) {
      for (const match of argument.matchAll(outputPattern)) {
        names.add(match[1] ?? '');
      }
    }
  }
  return [...names];
}

/** Replaces each `{{output:Name}}` with what `value(Name)` gives. */
export function fillStackOutputs(
  argument: string,
  value: (name: string) => string,
): string {
  return argument.replace(outputPattern, (_, name: string) => value(name));
}
