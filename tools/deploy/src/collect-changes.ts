import { z } from 'zod';
import type { ChangeSet } from './plan-deploy';
import { captureCommand } from './run-command';

export interface Revisions {
  /** Repository root. */
  cwd: string;
  /** Last deployed revision. */
  base: string;
  /** Revision to deploy. */
  head: string;
  env?: NodeJS.ProcessEnv;
}

const projectNames = z.array(z.string());

/**
 * Asks git and Nx what changed between two revisions: the files, the
 * projects Nx counts as affected (a library change affects every project
 * that imports it), and the head's commit id.
 */
export async function collectChanges(
  revisions: Revisions,
): Promise<ChangeSet & { revision: string }> {
  const { cwd, base, head } = revisions;
  // A one-shot run gains nothing from starting the Nx daemon.
  const env = { NX_DAEMON: 'false', ...(revisions.env ?? process.env) };
  const options = { cwd, env };

  const revision = (
    await captureCommand(['git', 'rev-parse', '--short=12', head], options)
  ).trim();
  const diff = await captureCommand(
    ['git', 'diff', '--name-only', '--no-renames', `${base}...${head}`],
    options,
  );
  const affected = await captureCommand(
    [
      'npx',
      'nx',
      'show',
      'projects',
      '--affected',
      `--base=${base}`,
      `--head=${head}`,
      '--json',
    ],
    options,
  );

  return {
    revision,
    changedFiles: diff.split('\n').filter(Boolean),
    affectedProjects: projectNames.parse(JSON.parse(affected)),
  };
}
