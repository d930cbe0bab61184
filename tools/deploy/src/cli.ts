import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { parseCloudFormation } from './cloudformation-yaml';
import { collectChanges } from './collect-changes';
import { executePlan } from './execute-plan';
import { planDeploy } from './plan-deploy';
import { renderPlan } from './render-plan';
import { captureCommand } from './run-command';
import { samConfigTarget } from './sam-config';
import { stackInventory } from './stack-inventory';

const usage =
  'usage: deploy --env <dev|staging|prod> [--base REV] [--head REV] ' +
  '[--execute]';

const options = z.object({
  env: z.string({ message: '--env is required' }).min(1),
  base: z.string().min(1),
  head: z.string().min(1),
  execute: z.boolean(),
});

/**
 * `deploy --env dev [--base X --head Y] [--execute]`: works out what
 * changed between the last deployed revision (`--base`, by default the
 * parent of `--head`) and `--head` (default HEAD), prints the commands
 * that deploy it, and runs them with `--execute`.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      env: { type: 'string' },
      base: { type: 'string', default: 'HEAD~1' },
      head: { type: 'string', default: 'HEAD' },
      execute: { type: 'boolean', default: false },
    },
  });
  const parsed = options.safeParse(values);
  if (!parsed.success) {
    throw new Error(
      `${parsed.error.issues.map((i) => i.message).join('; ')}\n${usage}`,
    );
  }
  const { env, base, head, execute } = parsed.data;

  const root = resolve(__dirname, '../../..');
  const target = samConfigTarget(
    readFileSync(join(root, 'samconfig.toml'), 'utf8'),
    env,
  );
  const inventory = stackInventory(
    parseCloudFormation(readFileSync(join(root, 'template.yaml'), 'utf8')),
  );
  const changes = await collectChanges({ cwd: root, base, head });
  const plan = planDeploy({ ...changes, target, inventory });

  process.stdout.write(renderPlan(plan));
  if (!execute || plan.steps.length === 0) return;

  // The steps build the checked-out tree, so it has to be the head.
  const checkedOut = await captureCommand(
    ['git', 'rev-parse', '--short=12', 'HEAD'],
    { cwd: root },
  );
  if (checkedOut.trim() !== plan.revision) {
    throw new Error(
      `--execute deploys the checked-out tree; check out ${head} first`,
    );
  }

  await executePlan(plan, {
    cwd: root,
    onStep: (description) => process.stderr.write(`\n== ${description}\n`),
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `deploy: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
