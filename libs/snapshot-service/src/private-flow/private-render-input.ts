import { z } from 'zod';
import type { PrivateRenderInput } from '../service/dispatcher';
import { InvalidInputError } from '../service-error';

const canonicalRequest = z.object({
  reportId: z.string().min(1),
  school: z.string().nullable(),
  region: z.string().nullable(),
  filters: z.record(z.string(), z.array(z.string())),
  format: z.enum(['png', 'pdf']),
});

const renderInput = z.looseObject({
  snapshotId: z.string().min(1),
  reportId: z.string().min(1),
  request: canonicalRequest,
  reportVersion: z.string().min(1),
  dataEpoch: z.string().min(1),
  objectKey: z.string().min(1),
  attempt: z.number().int().nonnegative(),
});

/**
 * Reads the state a task of the private state machine receives: the
 * execution input, plus whatever earlier states added beside it.
 *
 * @throws InvalidInputError when the state machine was started with
 * something else.
 */
export function parsePrivateRenderInput(input: unknown): PrivateRenderInput {
  const result = renderInput.safeParse(input);
  if (result.success) return result.data;
  throw new InvalidInputError(
    'INVALID_REQUEST',
    'not a private render input',
    result.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      message: issue.message,
    })),
  );
}
