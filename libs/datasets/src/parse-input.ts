import type { z } from 'zod';
import { InvalidDatasetsInputError } from './datasets-error';

/** Parses caller input once, at the library's edge, or says what is wrong. */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  operation: string,
): z.output<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InvalidDatasetsInputError(
      operation,
      result.error.issues.map((issue) => ({
        path: issue.path.join('.'),
        message: issue.message,
      })),
    );
  }
  return result.data;
}
