import { z } from 'zod';
import { RequestError } from './report-server-error';

/**
 * Ways a dashboard can be told to misbehave, from the page URL's
 * `?fault=`:
 * - `slow`: one visual takes about three seconds to load;
 * - `never`: one visual never loads (its request is never answered);
 * - `error`: one visual fails (ERROR_OCCURRED, VISUAL_ERROR);
 * - `empty`: nothing is drawn, yet CONTENT_LOADED is posted;
 * - `hang`: the page's script stops answering (a busy main thread);
 * - `crash`: the page's script exhausts its memory and the tab crashes,
 *   as Chromium's "Aw, Snap!" page shows.
 */
export const faults = [
  'slow',
  'never',
  'error',
  'empty',
  'hang',
  'crash',
] as const;
export type Fault = (typeof faults)[number];

/** How long the `slow` fault holds its visual back. */
export const slowFaultMs = 3_000;

const faultSchema = z.enum(faults).optional();

export function parseFault(value: string | null): Fault | undefined {
  const result = faultSchema.safeParse(value ?? undefined);
  if (!result.success) {
    throw new RequestError(
      400,
      'INVALID_PARAMETER',
      `fault must be one of ${faults.join(', ')}`,
      [{ path: 'fault', message: `must be one of ${faults.join(', ')}` }],
    );
  }
  return result.data;
}
