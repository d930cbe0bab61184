import { z } from 'zod';
import { DeployError } from './deploy-error';
import {
  fillStackOutputs,
  stackOutputsIn,
  type DeployPlan,
} from './deploy-plan';
import { captureCommand, runCommand, type CommandOptions } from './run-command';

const stackOutputs = z.array(
  z.object({ OutputKey: z.string(), OutputValue: z.string() }),
);

export interface ExecuteOptions extends CommandOptions {
  /** Told before each step starts. */
  onStep?: (description: string, argv: readonly string[]) => void;
}

/**
 * Runs a plan's steps in order and stops at the first that fails. Stack
 * outputs are read just before the first step that needs them, after any
 * `sam deploy` before it has created them.
 */
export async function executePlan(
  plan: DeployPlan,
  options: ExecuteOptions,
): Promise<void> {
  let outputs: Map<string, string> | undefined;

  for (const step of plan.steps) {
    if (stackOutputsIn([step]).length > 0) {
      outputs ??= await readStackOutputs(plan, options);
    }
    const argv = step.argv.map((argument) =>
      fillStackOutputs(argument, (name) => {
        const value = outputs?.get(name);
        if (value === undefined) {
          throw new DeployError(
            `stack ${plan.target.stackName} has no output ${name}`,
          );
        }
        return value;
      }),
    );
    options.onStep?.(step.description, argv);
    await runCommand(argv, options);
  }
}

async function readStackOutputs(
  plan: DeployPlan,
  options: CommandOptions,
): Promise<Map<string, string>> {
  const json = await captureCommand(
    [
      'aws',
      'cloudformation',
      'describe-stacks',
      '--stack-name',
      plan.target.stackName,
      '--region',
      plan.target.region,
      '--query',
      'Stacks[0].Outputs',
      '--output',
      'json',
    ],
    options,
  );
  const outputs = stackOutputs.parse(JSON.parse(json));
  return new Map(outputs.map((o) => [o.OutputKey, o.OutputValue]));
}
