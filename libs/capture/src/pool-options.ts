import { z } from 'zod';

import { DEFAULT_BLANK_THRESHOLD } from './blank-image';
import { InvalidPoolOptionsError } from './capture-error';
import { DEFAULT_HOST_ORIGIN } from './host-page';

/** A browser is replaced after this many captures unless told otherwise. */
export const DEFAULT_RECYCLE_AFTER = 200;

/**
 * A browser is replaced once its processes use more than this (MiB)
 * unless told otherwise: room for a few slots of large dashboards, well
 * under what a 4 GiB worker can give it.
 */
export const DEFAULT_MEMORY_CEILING_MB = 1500;

const wholeNumber = (min: number, max: number) =>
  z
    .number({ error: 'must be a number' })
    .int(`must be a whole number from ${min} to ${max}`)
    .min(min, `must be a whole number from ${min} to ${max}`)
    .max(max, `must be a whole number from ${min} to ${max}`);

const limitsSchema = z.object({
  slots: wholeNumber(1, 64),
  recycleAfter: wholeNumber(1, 1_000_000).default(DEFAULT_RECYCLE_AFTER),
  memoryCeilingMb: z
    .number({ error: 'must be a number' })
    .positive('must be more than 0')
    .default(DEFAULT_MEMORY_CEILING_MB),
  readyQuietMs: wholeNumber(0, 60_000).default(200),
  blankThreshold: z
    .number({ error: 'must be a number' })
    .gt(0, 'must be more than 0')
    .max(1, 'must be at most 1')
    .default(DEFAULT_BLANK_THRESHOLD),
  reusePages: z.boolean({ error: 'must be true or false' }).default(true),
  hostOrigin: z
    .string({ error: 'must be an origin' })
    .refine(isOrigin, 'must be an http(s) origin, e.g. https://host.example')
    .default(DEFAULT_HOST_ORIGIN),
});

// Exactly an origin: no path, query, fragment, credentials or wildcard.
function isOrigin(text: string): boolean {
  try {
    const url = new URL(text);
    return (
      (url.protocol === 'https:' || url.protocol === 'http:') &&
      !url.hostname.includes('*') &&
      url.origin === text.replace(/\/$/, '')
    );
  } catch {
    return false;
  }
}

/** The pool's limits with every default filled in. */
export type PoolLimits = z.output<typeof limitsSchema>;

/**
 * Checks the pool's numeric options once, before anything is launched.
 *
 * @throws InvalidPoolOptionsError naming every bad option.
 */
export function parsePoolLimits(
  options: z.input<typeof limitsSchema>,
): PoolLimits {
  const parsed = limitsSchema.safeParse(options);
  if (!parsed.success) {
    throw new InvalidPoolOptionsError(
      parsed.error.issues.map((issue) => ({
        path: issue.path.join('.'),
        message: issue.message,
      })),
    );
  }
  return parsed.data;
}
