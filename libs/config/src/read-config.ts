import { z } from 'zod';
import { ConfigError } from './config-error';

type Environment = Record<string, string | undefined>;

/**
 * Reads typed configuration from environment variables, once, at start-up.
 *
 * The schema's keys are the variable names. Every problem is reported
 * together, each naming its variable, so a bad deployment fails fast and
 * says exactly what to fix.
 *
 * @example
 * const config = readConfig(
 *   z.object({ TABLE_NAME: z.string().min(1) }),
 * );
 */
export function readConfig<Schema extends z.ZodType>(
  schema: Schema,
  environment: Environment = process.env,
): z.output<Schema> {
  // The input is needed to tell a missing variable from a bad one; only
  // each issue's message reaches the error, never the value.
  const result = schema.safeParse(environment, { reportInput: true });
  if (result.success) return result.data;

  throw new ConfigError(
    result.error.issues.map((issue) => ({
      variable: issue.path.map(String).join('.') || '(environment)',
      reason: describe(issue),
    })),
  );
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return 'is required';
  }
  return issue.message;
}
