import { parseParameterFragment } from '@snapshots/quicksight-url';
import { z } from 'zod';

import { InvalidCaptureJobError } from './capture-error';

export interface PngOptions {
  width?: number;
  height?: number;
  fullPage?: boolean;
  deviceScaleFactor?: number;
}

export interface PdfOptions {
  pageSize?: 'A4' | 'Letter';
  landscape?: boolean;
}

/** One snapshot to capture. */
export interface CaptureJob {
  snapshotId: string;
  /** Full URL including the `#p.` parameter fragment. */
  url: string;
  parameters: Record<string, string[]>;
  format: 'png' | 'pdf';
  /** How many visuals a good render of the report draws. */
  expectedVisuals: number;
  /**
   * Deadline for the whole capture; 30 s by default. A capture retried
   * after a browser crash gets a second deadline of its own.
   */
  timeoutMs?: number;
  png?: PngOptions;
  pdf?: PdfOptions;
}

/** A job with every default filled in. */
export interface ParsedCaptureJob extends CaptureJob {
  timeoutMs: number;
  viewport: { width: number; height: number; deviceScaleFactor: number };
  fullPage: boolean;
  pdf: Required<PdfOptions>;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

const captureJobSchema = z
  .object({
    snapshotId: z.string().min(1),
    url: z.url({ protocol: /^https?$/ }),
    parameters: z.record(z.string(), z.array(z.string())),
    format: z.enum(['png', 'pdf']),
    expectedVisuals: z.number().int().min(0),
    timeoutMs: z.number().int().min(100).max(600_000).optional(),
    png: z
      .object({
        width: z.number().int().min(200).max(8000).optional(),
        height: z.number().int().min(200).max(8000).optional(),
        fullPage: z.boolean().optional(),
        deviceScaleFactor: z.number().min(0.5).max(4).optional(),
      })
      .optional(),
    pdf: z
      .object({
        pageSize: z.enum(['A4', 'Letter']).optional(),
        landscape: z.boolean().optional(),
      })
      .optional(),
  })
  // A fresh page reads the fragment, a warm one is sent `parameters`: they
  // must say the same, or the picture would depend on which page it got.
  .refine(
    (job) =>
      sameParameters(
        parseParameterFragment(new URL(job.url).hash),
        job.parameters,
      ),
    { path: ['parameters'], message: 'must match the #p. fragment of url' },
  );

/** Checks a job once, at the pool's edge, and fills in the defaults. */
export function parseCaptureJob(input: CaptureJob): ParsedCaptureJob {
  const parsed = captureJobSchema.safeParse(input);
  if (!parsed.success) {
    throw new InvalidCaptureJobError(
      parsed.error.issues.map((issue) => ({
        path: issue.path.join('.'),
        message: issue.message,
      })),
    );
  }

  const job = parsed.data;
  return {
    ...job,
    timeoutMs: job.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    viewport: {
      width: job.png?.width ?? 1280,
      height: job.png?.height ?? 800,
      deviceScaleFactor: job.png?.deviceScaleFactor ?? 1,
    },
    fullPage: job.png?.fullPage ?? false,
    pdf: {
      pageSize: job.pdf?.pageSize ?? 'A4',
      landscape: job.pdf?.landscape ?? false,
    },
  };
}

/** Same names with the same values in the same order; [] is no value. */
export function sameParameters(
  a: Record<string, string[]>,
  b: Record<string, string[]>,
): boolean {
  const named = (parameters: Record<string, string[]>) =>
    Object.keys(parameters)
      .filter((name) => (parameters[name] ?? []).length > 0)
      .sort();
  const names = named(a);
  const otherNames = named(b);
  return (
    names.length === otherNames.length &&
    names.every(
      (name, at) =>
        name === otherNames[at] &&
        JSON.stringify(a[name]) === JSON.stringify(b[name]),
    )
  );
}
