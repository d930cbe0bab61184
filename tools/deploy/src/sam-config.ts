import { parse } from 'smol-toml';
import { z } from 'zod';
import { SamConfigError } from './deploy-error';

/** Where one environment deploys to, as samconfig.toml says. */
export interface DeployTarget {
  environment: string;
  stackName: string;
  region: string;
}

const deploySection = z.object({
  stack_name: z.string().min(1),
  region: z.string().min(1),
});

/**
 * Reads the `[<environment>.deploy.parameters]` section of samconfig.toml.
 *
 * @example
 * samConfigTarget(readFileSync('samconfig.toml', 'utf8'), 'dev');
 * // { environment: 'dev', stackName: 'quicksight-snapshots-dev', ... }
 */
export function samConfigTarget(
  source: string,
  environment: string,
): DeployTarget {
  let config: Record<string, unknown>;
  try {
    config = parse(source);
  } catch (cause) {
    throw new SamConfigError(environment, 'is not valid TOML', { cause });
  }

  const section = (config[environment] as { deploy?: { parameters?: unknown } })
    ?.deploy?.parameters;
  if (section === undefined) {
    const known = Object.keys(config).filter(
      (name) => typeof config[name] === 'object' && name !== 'default',
    );
    throw new SamConfigError(
      environment,
      `no such section; environments: ${known.join(', ')}`,
    );
  }

  const parsed = deploySection.safeParse(section);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.'));
    throw new SamConfigError(environment, `missing ${fields.join(', ')}`);
  }
  return {
    environment,
    stackName: parsed.data.stack_name,
    region: parsed.data.region,
  };
}
