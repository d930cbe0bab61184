import { z } from 'zod';
import { requestLimits as limits } from './request-limits';

const slug = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const scopeId = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const filterName = /^[A-Za-z][A-Za-z0-9_-]*$/;
// Control and format characters (zero-width joiners, bidi marks) would let
// two values that look the same name different snapshots; lone surrogates
// do not survive UTF-8 and would let two values hash alike.
const invisible = /[\p{Cc}\p{Cf}\p{Cs}]/u;

const reportId = z
  .string()
  .trim()
  .min(1, { message: 'must not be empty', abort: true })
  .max(limits.reportIdLength, `must be at most ${limits.reportIdLength} long`)
  .regex(slug, 'must be a slug like "campus-overview"');

const scope = (what: string) =>
  z
    .string()
    .trim()
    .min(1, { message: 'must not be empty', abort: true })
    .max(limits.scopeIdLength, `must be at most ${limits.scopeIdLength} long`)
    .regex(scopeId, `must be a ${what} id of letters, digits, "_" and "-"`);

const filterValue = z
  .string()
  .trim()
  .normalize('NFC')
  .min(1, { message: 'must not be empty', abort: true })
  .max(
    limits.filterValueLength,
    `must be at most ${limits.filterValueLength} long`,
  )
  .refine((value) => !invisible.test(value), {
    message: 'must not contain control or invisible characters',
  });

const filterValueList = z
  .array(filterValue)
  .min(1, 'must list at least one value')
  .max(limits.filterValues, `must list at most ${limits.filterValues} values`);

// A union would hide the element-level problems of a bad list behind one
// "invalid input", so the branch is picked by the input's type instead.
const filterValues = z
  .unknown()
  .transform((value, context): string | string[] => {
    const schema =
      typeof value === 'string'
        ? filterValue
        : Array.isArray(value)
          ? filterValueList
          : undefined;
    if (!schema) {
      context.addIssue({
        code: 'custom',
        message: 'must be a string or a list of strings',
      });
      return z.NEVER;
    }

    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      context.addIssue({ ...issue, code: 'custom', input: value });
    }
    return z.NEVER;
  });

const filters = z
  .record(
    z
      .string()
      .max(
        limits.filterNameLength,
        `must be at most ${limits.filterNameLength} long`,
      )
      .regex(filterName, 'must be a name of letters, digits, "_" and "-"'),
    filterValues,
  )
  .refine((record) => Object.keys(record).length <= limits.filters, {
    message: `must hold at most ${limits.filters} filters`,
  });

/** The shape of a request as it arrives, before canonicalisation. */
export const snapshotRequestSchema = z.strictObject({
  reportId,
  school: scope('school').optional(),
  region: scope('region').optional(),
  filters: filters.optional(),
  format: z
    .string()
    .trim()
    .pipe(z.enum(['png', 'pdf'], { error: 'must be "png" or "pdf"' }))
    .default('png'),
});

export type ParsedSnapshotRequest = z.output<typeof snapshotRequestSchema>;
