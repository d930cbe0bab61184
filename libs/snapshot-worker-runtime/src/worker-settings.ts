import { hostname } from 'node:os';
import { z } from 'zod';
import {
  DEFAULT_HOST_ORIGIN,
  DEFAULT_MEMORY_CEILING_MB,
  DEFAULT_RECYCLE_AFTER,
} from '@snapshots/capture';
import { fields, readConfig } from '@snapshots/config';

/** Which queue a job came from; the private queue is always asked first. */
export type QueueName = 'private' | 'batch';

/** Where captures get their report URLs. */
export type ReportSource =
  | {
      kind: 'report-server';
      baseUrl: string;
      /** Extra query string entries, e.g. `fault=slow` for drills. */
      query: Record<string, string>;
      sessionTtlSeconds?: number;
    }
  | {
      kind: 'quicksight';
      accountId: string;
      /** A registered viewer; anonymous embedding when absent. */
      userArn?: string;
      namespace: string;
      sessionMinutes: number;
      /** Row-level security tag name to report parameter name. */
      sessionTags: Record<string, string>;
    };

/** Everything a worker needs to know, typed and checked once. */
export interface WorkerSettings {
  workerId: string;
  region: string;
  s3ForcePathStyle: boolean;
  snapshotsTable: string;
  bucket: string;
  /** Server-side encryption with this KMS key; SSE-S3 when absent. */
  kmsKeyId?: string;
  /**
   * In the order they are polled: the private queue, then (unless the
   * worker belongs to the private pool, WORKER_POOL=private) the batch
   * queue.
   */
  queues: { name: QueueName; url: string }[];
  /**
   * Deliveries a job gets before it is FAILED. Read from each queue's
   * redrive policy when absent.
   */
  maxReceiveCount?: number;
  reports: ReportSource;
  allowedHosts: string[];
  capture: {
    slots: number;
    /**
     * Origin of the page reports are embedded in. Embed URLs are made
     * for it alone (QuickSight's AllowedDomains), so that a report
     * renders in no other page.
     */
    hostOrigin: string;
    chromePath?: string;
    timeoutMs?: number;
    /** The browser is replaced after this many captures. */
    recycleAfter: number;
    /** The browser is replaced once its processes use more (MiB). */
    memoryCeilingMb: number;
  };
  leaseMs: number;
  heartbeatMs: number;
  pollWaitSeconds: number;
  retryDelaySeconds: number;
  drainMs: number;
  metricsNamespace: string;
}

// systemd and shell files often set a variable to nothing to unset it.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (value === '' ? undefined : value),
    schema.optional(),
  );

// `name=value,name=value`, e.g. `fault=slow` or `school=School`.
const pairs = () =>
  fields
    .list()
    .pipe(
      z.array(
        z.string().regex(/^[^=]+=/, 'must be a comma list of name=value'),
      ),
    )
    .transform((entries) =>
      Object.fromEntries(
        entries.map((entry) => {
          const at = entry.indexOf('=');
          return [entry.slice(0, at), entry.slice(at + 1)];
        }),
      ),
    );

const environmentSchema = z
  .object({
    WORKER_ID: optional(fields.text()),
    WORKER_POOL: z
      .enum(['batch', 'private'], { message: 'must be batch or private' })
      .default('batch'),
    AWS_REGION: fields.text().default('us-east-1'),
    S3_FORCE_PATH_STYLE: fields.flag().default(false),
    SNAPSHOTS_TABLE: fields.text(),
    SNAPSHOT_BUCKET: fields.text(),
    SNAPSHOT_KMS_KEY_ID: optional(fields.text()),
    PRIVATE_QUEUE_URL: optional(fields.url()),
    BATCH_QUEUE_URL: optional(fields.url()),
    MAX_RECEIVE_COUNT: optional(fields.integer(1, 1000)),
    REPORT_BASE_URL: optional(fields.url()),
    REPORT_SERVER_QUERY: optional(pairs()),
    REPORT_SESSION_TTL_SECONDS: optional(fields.integer(1, 36_000)),
    QUICKSIGHT_ACCOUNT_ID: optional(
      z.string().regex(/^\d{12}$/, 'must be a 12-digit account id'),
    ),
    QUICKSIGHT_USER_ARN: optional(fields.text()),
    QUICKSIGHT_NAMESPACE: fields.text().default('default'),
    QUICKSIGHT_SESSION_MINUTES: fields.integer(15, 600).default(15),
    QUICKSIGHT_SESSION_TAGS: optional(pairs()),
    ALLOWED_HOSTS: optional(fields.list()),
    CAPTURE_SLOTS: fields.integer(1, 16).default(2),
    CAPTURE_HOST_ORIGIN: fields
      .url()
      .refine(
        (url) => new URL(url).origin === url.replace(/\/$/, ''),
        'must be an origin, e.g. https://snapshots.example.com',
      )
      .default(DEFAULT_HOST_ORIGIN),
    CHROME_PATH: optional(fields.text()),
    CAPTURE_TIMEOUT_SECONDS: optional(fields.integer(1, 600)),
    RECYCLE_AFTER_CAPTURES: fields
      .integer(1, 100_000)
      .default(DEFAULT_RECYCLE_AFTER),
    // Below what an idle Chromium with one report open takes, the browser
    // would be replaced after every capture.
    BROWSER_MEMORY_CEILING_MB: fields
      .integer(256, 65_536)
      .default(DEFAULT_MEMORY_CEILING_MB),
    LEASE_SECONDS: fields.integer(3, 43_200).default(60),
    HEARTBEAT_SECONDS: optional(fields.integer(1, 14_400)),
    POLL_WAIT_SECONDS: fields.integer(0, 20).default(10),
    RETRY_DELAY_SECONDS: fields.integer(0, 900).default(10),
    DRAIN_SECONDS: fields.integer(1, 3600).default(60),
    METRICS_NAMESPACE: fields.text().default('Snapshots'),
  })
  .superRefine(
    (env, context) => {
      const problem = (variable: string, message: string) =>
        context.addIssue({ code: 'custom', path: [variable], message });

      if (!env.PRIVATE_QUEUE_URL && !env.BATCH_QUEUE_URL) {
        problem('BATCH_QUEUE_URL', 'or PRIVATE_QUEUE_URL is required');
      }
      if (env.WORKER_POOL === 'private' && !env.PRIVATE_QUEUE_URL) {
        problem('PRIVATE_QUEUE_URL', 'is required when WORKER_POOL is private');
      }
      if (!env.REPORT_BASE_URL && !env.QUICKSIGHT_ACCOUNT_ID) {
        problem(
          'QUICKSIGHT_ACCOUNT_ID',
          'is required when REPORT_BASE_URL is not set',
        );
      }
      const { HEARTBEAT_SECONDS: heartbeat, LEASE_SECONDS: lease } = env;
      if (
        typeof heartbeat === 'number' &&
        typeof lease === 'number' &&
        heartbeat * 2 > lease
      ) {
        problem('HEARTBEAT_SECONDS', 'must be at most half of LEASE_SECONDS');
      }
    },
    // Also when other variables are bad, so one run names every problem;
    // the checks above therefore look only at values that parsed.
    { when: () => true },
  );

type Environment = z.output<typeof environmentSchema>;

/**
 * Reads the worker's settings from the environment.
 *
 * @throws ConfigError naming every missing or bad variable.
 */
export function readWorkerSettings(
  environment: Record<string, string | undefined> = process.env,
): WorkerSettings {
  const env = readConfig(environmentSchema, environment);
  const reports = reportSource(env);
  const leaseMs = env.LEASE_SECONDS * 1000;

  return {
    workerId: env.WORKER_ID ?? `${hostname()}-${process.pid}`,
    region: env.AWS_REGION,
    s3ForcePathStyle: env.S3_FORCE_PATH_STYLE,
    snapshotsTable: env.SNAPSHOTS_TABLE,
    bucket: env.SNAPSHOT_BUCKET,
    kmsKeyId: env.SNAPSHOT_KMS_KEY_ID,
    queues: [
      ...(env.PRIVATE_QUEUE_URL
        ? [{ name: 'private' as const, url: env.PRIVATE_QUEUE_URL }]
        : []),
      // The private pool stays free for requests that someone waits for.
      ...(env.BATCH_QUEUE_URL && env.WORKER_POOL === 'batch'
        ? [{ name: 'batch' as const, url: env.BATCH_QUEUE_URL }]
        : []),
    ],
    maxReceiveCount: env.MAX_RECEIVE_COUNT,
    reports,
    allowedHosts: env.ALLOWED_HOSTS ?? [defaultOrigin(reports, env.AWS_REGION)],
    capture: {
      slots: env.CAPTURE_SLOTS,
      hostOrigin: new URL(env.CAPTURE_HOST_ORIGIN).origin,
      chromePath: env.CHROME_PATH,
      timeoutMs:
        env.CAPTURE_TIMEOUT_SECONDS === undefined
          ? undefined
          : env.CAPTURE_TIMEOUT_SECONDS * 1000,
      recycleAfter: env.RECYCLE_AFTER_CAPTURES,
      memoryCeilingMb: env.BROWSER_MEMORY_CEILING_MB,
    },
    leaseMs,
    // A third of the lease leaves two more beats before it runs out.
    heartbeatMs: (env.HEARTBEAT_SECONDS ?? env.LEASE_SECONDS / 3) * 1000,
    pollWaitSeconds: env.POLL_WAIT_SECONDS,
    retryDelaySeconds: env.RETRY_DELAY_SECONDS,
    drainMs: env.DRAIN_SECONDS * 1000,
    metricsNamespace: env.METRICS_NAMESPACE,
  };
}

function reportSource(env: Environment): ReportSource {
  if (env.REPORT_BASE_URL) {
    return {
      kind: 'report-server',
      baseUrl: env.REPORT_BASE_URL,
      query: env.REPORT_SERVER_QUERY ?? {},
      sessionTtlSeconds: env.REPORT_SESSION_TTL_SECONDS,
    };
  }
  return {
    kind: 'quicksight',
    // Checked by the schema's refinement above.
    accountId: env.QUICKSIGHT_ACCOUNT_ID ?? '',
    userArn: env.QUICKSIGHT_USER_ARN,
    namespace: env.QUICKSIGHT_NAMESPACE,
    sessionMinutes: env.QUICKSIGHT_SESSION_MINUTES,
    sessionTags: env.QUICKSIGHT_SESSION_TAGS ?? {},
  };
}

function defaultOrigin(reports: ReportSource, region: string): string {
  return reports.kind === 'report-server'
    ? new URL(reports.baseUrl).origin
    : `https://${region}.quicksight.aws.amazon.com`;
}
