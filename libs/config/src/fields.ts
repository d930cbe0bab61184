import { z } from 'zod';

/** Reusable field schemas for values that arrive as strings. */
export const fields = {
  text: () => z.string().trim().min(1, 'must not be empty'),

  integer: (min: number, max: number) =>
    z.coerce
      .number({ message: 'must be a whole number' })
      .int('must be a whole number')
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`),

  flag: () =>
    z
      .enum(['true', 'false', '1', '0'], {
        message: 'must be true or false',
      })
      .transform((value) => value === 'true' || value === '1'),

  url: () => z.url({ message: 'must be a URL' }),

  list: () =>
    z.string().transform((value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    ),
};
