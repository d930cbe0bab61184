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

/**
 * Makes a URL to open the report at, with its `#p.` parameter fragment:
 * for QuickSight a new embed URL, so a new session and a new one-time code.
 */
export type ReportUrlProvider = () => Promise<string>;

/** One snapshot to capture. */
export interface CaptureJob {
  snapshotId: string;
  /**
   * Where the report opens: a full URL including the `#p.` parameter
   * fragment, or a provider of one. A provider is called only when a
   * fresh page must be opened (and again when the session of the page it
   * opened has ended); a warm page for the job's session only has its
   * parameters changed.
   */
  url: string | ReportUrlProvider;
  /**
   * The embed session whose page this job may share: jobs naming the same
   * session (at the same viewport) are captured on one warm page by
   * changing its parameters. It must name everything that decides what
   * the viewer may see, e.g. dashboard, user and row-level security tags.
   * Required with a provider; for a fixed URL the URL without its fragment
   * names the session.
   */
  session?: string;
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

const webUrl = z.url({ protocol: /^https?$/ });

const urlProvider = z.custom<ReportUrlProvider>(
  (value) => typeof value === 'function',
  'must be an http(s) URL or a function that makes one',
);

const captureJobSchema = z
  .object({
    snapshotId: z.string().min(1),
    url: z.union([webUrl, urlProvider], {
      error: 'must be an http(s) URL or a function that makes one',
    }),
    session: z.string().min(1).optional(),
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
  // A provider's URL is checked the same way when it is made.
  .refine(
    (job) =>
      typeof job.url !== 'string' || fragmentMatches(job.url, job.parameters),
    { path: ['parameters'], message: 'must match the #p. fragment of url' },
  )
  // Without a name for its session, a job could be given a warm page
  // opened for another viewer.
  .refine((job) => typeof job.url === 'string' || job.session !== undefined, {
    path: ['session'],
    message: 'is required when url is a provider',
  });

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

/** Whether the `#p.` fragment of `url` sets exactly `parameters`. */
export function fragmentMatches(
  url: string,
  parameters: Record<string, string[]>,
): boolean {
  try {
    const fragment = parseParameterFragment(new URL(url).hash);
    return sameParameters(fragment, parameters);
  } catch {
    // Not a URL, or an escape in the fragment that does not decode.
    return false;
  }
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
