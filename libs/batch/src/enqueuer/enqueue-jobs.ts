import {
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SnapshotJob } from '@snapshots/snapshot-jobs';
import { EnqueueError } from '../batch-error';
import { mapConcurrent } from '../map-concurrent';

/** SQS takes at most ten messages per SendMessageBatch call. */
const entriesPerCall = 10;

export interface EnqueueOptions {
  /** SendMessageBatch calls in flight at once. */
  concurrency?: number;
  /** Tries per entry that SQS refuses for a reason of its own. */
  attempts?: number;
  /** Pause before the second try; doubles each time. */
  backoffMs?: number;
}

export interface EnqueueResult {
  sent: number;
  calls: number;
}

/**
 * Puts snapshot jobs on a queue, ten per SendMessageBatch call and several
 * calls in flight. Entries that SQS refuses on its side (throttling, an
 * internal error) are sent again; entries refused as the sender's fault,
 * or still refused after the last try, end in an `EnqueueError` that names
 * them. A whole call that fails is left to the SDK's own retries.
 *
 * @example
 * await enqueueJobs(sqs, queueUrl, jobs, { concurrency: 8 });
 */
export async function enqueueJobs(
  sqs: SQSClient,
  queueUrl: string,
  jobs: readonly SnapshotJob[],
  options: EnqueueOptions = {},
): Promise<EnqueueResult> {
  const { concurrency = 8, attempts = 4, backoffMs = 100 } = options;
  const chunks: SnapshotJob[][] = [];
  for (let i = 0; i < jobs.length; i += entriesPerCall) {
    chunks.push(jobs.slice(i, i + entriesPerCall));
  }

  const calls = await mapConcurrent(chunks, concurrency, (chunk) =>
    sendChunk(sqs, queueUrl, chunk, attempts, backoffMs),
  );
  return { sent: jobs.length, calls: calls.reduce((a, b) => a + b, 0) };
}

/** Sends one chunk until every entry is accepted; returns the calls made. */
async function sendChunk(
  sqs: SQSClient,
  queueUrl: string,
  chunk: readonly SnapshotJob[],
  attempts: number,
  backoffMs: number,
): Promise<number> {
  let pending = chunk.map(toEntry);
  let calls = 0;

  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > 1) await sleep(backoffMs * 2 ** (attempt - 2));
    const response = await sqs.send(
      new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: pending }),
    );
    calls++;

    const refused = response.Failed ?? [];
    const final = refused.filter((f) => f.SenderFault || attempt >= attempts);
    if (final.length > 0) {
      throw new EnqueueError(
        final.map((f) => ({
          snapshotId: f.Id ?? '(unknown)',
          reason: `${f.Code ?? 'error'}: ${f.Message ?? 'refused'}`,
        })),
      );
    }
    const retry = new Set(refused.map((f) => f.Id));
    pending = pending.filter((entry) => retry.has(entry.Id));
  }
  return calls;
}

// The snapshot id is unique within a chunk and within the rules of entry
// ids (letters, digits, hyphen, underscore), so a refusal names its job.
function toEntry(job: SnapshotJob): SendMessageBatchRequestEntry {
  return { Id: job.snapshotId, MessageBody: JSON.stringify(job) };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
