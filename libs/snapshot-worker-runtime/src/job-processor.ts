import type { Logger } from '@snapshots/logging';
import { parseSnapshotJob, type SnapshotJob } from '@snapshots/snapshot-jobs';
import { startHeartbeat } from './heartbeat';
import { VISIBILITY_MARGIN_SECONDS, type ReceivedMessage } from './job-queues';
import type {
  MessageActions,
  ReadySnapshot,
  SnapshotLeases,
  SnapshotObjects,
  SnapshotRenderer,
  TaskCallbacks,
} from './ports';
import { JobAbortedError } from './worker-error';
import type { WorkerMetrics } from './worker-metrics';

export interface JobProcessorOptions {
  workerId: string;
  leaseMs: number;
  heartbeatMs: number;
  /** How long a failed attempt waits before its next delivery. */
  retryDelaySeconds: number;
  leases: SnapshotLeases;
  renderer: SnapshotRenderer;
  objects: SnapshotObjects;
  messages: MessageActions;
  tasks: TaskCallbacks;
  metrics: WorkerMetrics;
  logger: Logger;
  clock?: () => number;
}

/** How one delivery ended. */
export type JobOutcome =
  | 'ready'
  | 'already-ready'
  | 'already-failed'
  | 'deferred'
  | 'retrying'
  | 'failed'
  | 'released'
  | 'lease-lost'
  | 'malformed';

/**
 * Takes one delivered job from claim to READY, or to its next attempt, or
 * to FAILED once its attempts are spent. The message is deleted only when
 * the job has ended, so a worker that dies at any point loses nothing: the
 * message comes back when its visibility runs out, as does the lease.
 */
export class JobProcessor {
  private readonly clock: () => number;

  constructor(private readonly options: JobProcessorOptions) {
    this.clock = options.clock ?? Date.now;
  }

  /**
   * @param deadline aborted when the worker stops waiting for its jobs;
   *   the job is then handed back for another worker to take up.
   */
  async process(
    message: ReceivedMessage,
    deadline: AbortSignal,
  ): Promise<JobOutcome> {
    const { logger } = this.options;
    let job: SnapshotJob;
    try {
      job = parseSnapshotJob(message.body);
    } catch (error) {
      logger.error('job malformed', {
        messageId: message.messageId,
        queue: message.queue.name,
        attempt: message.receiveCount,
        error: error as Error,
      });
      // It can never succeed: straight to the dead letters.
      await this.parkOrRelease(logger, message, describe(error));
      return 'malformed';
    }

    const log = logger.createChild({
      persistentKeys: {
        snapshotId: job.snapshotId,
        reportId: job.reportId,
        ...(job.batchId ? { batchId: job.batchId } : {}),
        attempt: message.receiveCount,
        queue: message.queue.name,
      },
    });
    try {
      return await this.claimAndRender(job, message, deadline, log);
    } catch (error) {
      return this.fail(job, message, error, false, log);
    }
  }

  private async claimAndRender(
    job: SnapshotJob,
    message: ReceivedMessage,
    deadline: AbortSignal,
    log: Logger,
  ): Promise<JobOutcome> {
    const { leases, workerId, leaseMs } = this.options;
    const claim = await leases.claim(job, workerId, leaseMs);

    switch (claim.kind) {
      case 'claimed':
        log.debug('job claimed');
        return this.render(job, message, deadline, log);
      case 'ready':
        log.info('job already ready');
        return this.finishReady(
          job,
          message,
          claim.snapshot,
          log,
          'already-ready',
        );
      case 'held': {
        const seconds = (claim.leaseExpiresAt - this.clock()) / 1000;
        log.info('job held elsewhere', {
          leaseExpiresAt: claim.leaseExpiresAt,
        });
        // Put off, not dropped: if the holder dies, this delivery may be
        // the only one left. When it comes back the snapshot is READY, or
        // the lease has run out and this worker takes over.
        // Known shortcoming: each putting-off spends one delivery, so a
        // duplicate put off more often than the queue's maxReceiveCount
        // (a render longer than that many leases) is dead-lettered, though
        // the job itself is not lost. Goes away when the lease keeps the
        // holder's message id and other copies are deleted instead.
        await this.options.messages.setVisibility(
          message,
          Math.max(1, seconds + VISIBILITY_MARGIN_SECONDS),
        );
        return 'deferred';
      }
      case 'failed':
        log.info('job already failed', { reason: claim.reason });
        if (job.taskToken) {
          await this.options.tasks.fail(
            job.taskToken,
            job.snapshotId,
            claim.reason,
          );
        }
        await this.options.messages.delete(message);
        return 'already-failed';
    }
  }

  private async render(
    job: SnapshotJob,
    message: ReceivedMessage,
    deadline: AbortSignal,
    log: Logger,
  ): Promise<JobOutcome> {
    const { leases, renderer, objects, workerId, heartbeatMs } = this.options;
    const controller = new AbortController();
    const abandon = () =>
      controller.abort(
        new JobAbortedError('shutdown', { cause: deadline.reason }),
      );
    if (deadline.aborted) abandon();
    deadline.addEventListener('abort', abandon, { once: true });
    const heartbeat = startHeartbeat(
      () => this.beat(job, message, controller),
      heartbeatMs,
      (error) => log.warn('heartbeat failed', { error: error as Error }),
    );

    let snapshot: ReadySnapshot;
    let renderMs: number;
    try {
      const result = await renderer.render(job, {
        signal: controller.signal,
        ids: this.ids(job, message),
      });
      controller.signal.throwIfAborted();
      const { sizeBytes } = await objects.put(job, result);
      renderMs = result.renderMs;
      snapshot = await leases.markReady(job.snapshotId, workerId, {
        objectKey: job.objectKey,
        sizeBytes,
        contentType: result.contentType,
        renderMs,
      });
      log.info('job rendered', { renderMs, sizeBytes, steps: result.steps });
    } catch (error) {
      const cause: unknown = controller.signal.aborted
        ? controller.signal.reason
        : error;
      return this.fail(job, message, cause, true, log);
    } finally {
      deadline.removeEventListener('abort', abandon);
      await heartbeat.stop();
    }

    this.options.metrics.jobReady({
      queue: message.queue.name,
      renderMs,
      queueWaitMs: this.queueWait(job, message),
    });
    return this.finishReady(job, message, snapshot, log, 'ready');
  }

  /** Keeps the message hidden, the lease held and the execution waiting. */
  private async beat(
    job: SnapshotJob,
    message: ReceivedMessage,
    controller: AbortController,
  ): Promise<void> {
    const { leases, messages, tasks, workerId, leaseMs } = this.options;
    const [lease, ...others] = await Promise.allSettled([
      leases.extend(job.snapshotId, workerId, leaseMs),
      messages.setVisibility(
        message,
        leaseMs / 1000 + VISIBILITY_MARGIN_SECONDS,
      ),
      job.taskToken ? tasks.heartbeat(job.taskToken) : Promise.resolve(),
    ]);

    if (lease.status === 'rejected' && isLeaseLost(lease.reason)) {
      controller.abort(lease.reason);
      return;
    }
    const failures = [lease, ...others].flatMap((result) =>
      result.status === 'rejected' ? [result.reason as unknown] : [],
    );
    if (failures.length > 0) {
      throw new AggregateError(failures, 'heartbeat incomplete');
    }
  }

  private async finishReady(
    job: SnapshotJob,
    message: ReceivedMessage,
    snapshot: ReadySnapshot,
    log: Logger,
    outcome: 'ready' | 'already-ready',
  ): Promise<JobOutcome> {
    if (job.taskToken) {
      try {
        await this.options.tasks.succeed(job.taskToken, snapshot);
      } catch (error) {
        // The snapshot is READY; the next delivery only answers again.
        log.warn('task answer failed', { error: error as Error });
        await this.quietly(log, 'message hide', () =>
          this.options.messages.setVisibility(
            message,
            this.options.retryDelaySeconds,
          ),
        );
        return outcome;
      }
    }

    // A delete that fails leaves a message that comes back, finds the
    // snapshot READY and is deleted then.
    await this.quietly(log, 'message delete', () =>
      this.options.messages.delete(message),
    );
    if (outcome === 'ready') log.info('job ready');
    return outcome;
  }

  private async fail(
    job: SnapshotJob,
    message: ReceivedMessage,
    error: unknown,
    claimed: boolean,
    log: Logger,
  ): Promise<JobOutcome> {
    const { leases, messages, tasks, metrics, workerId } = this.options;

    if (error instanceof JobAbortedError && error.reason === 'lease-lost') {
      // The new holder finishes the job; this delivery, if it is not the
      // holder's own, comes back and finds it READY.
      log.warn('job lease lost');
      return 'lease-lost';
    }
    if (error instanceof JobAbortedError) {
      await this.quietly(log, 'lease release', () =>
        leases.release(job.snapshotId, workerId),
      );
      await this.quietly(log, 'message release', () =>
        messages.setVisibility(message, 0),
      );
      log.info('job released');
      return 'released';
    }

    const reason = describe(error);
    // Only the lease holder may write FAILED; an attempt that never got
    // the lease (the store was unreachable) just comes back.
    const final =
      claimed && message.receiveCount >= message.queue.maxReceiveCount;
    metrics.jobFailed({ queue: message.queue.name, final });

    if (!final) {
      log.warn('job attempt failed', { reason, error: error as Error });
      if (claimed) {
        await this.quietly(log, 'lease release', () =>
          leases.release(job.snapshotId, workerId),
        );
      }
      await this.quietly(log, 'message hide', () =>
        messages.setVisibility(message, this.options.retryDelaySeconds),
      );
      return 'retrying';
    }

    log.error('job failed', { reason, error: error as Error });
    // FAILED before the message leaves: once it is among the dead
    // letters nobody else will write the outcome.
    await this.quietly(log, 'mark failed', () =>
      leases.markFailed(job.snapshotId, reason, workerId),
    );
    if (job.taskToken) {
      const token = job.taskToken;
      await this.quietly(log, 'task answer', () =>
        tasks.fail(token, job.snapshotId, reason),
      );
    }
    await this.parkOrRelease(log, message, reason);
    return 'failed';
  }

  /**
   * Moves the message to the dead letters; if that fails, hands it back
   * at once, so that its spent deliveries send it there on the next
   * receive.
   */
  private async parkOrRelease(
    log: Logger,
    message: ReceivedMessage,
    reason: string,
  ): Promise<void> {
    const { messages } = this.options;
    try {
      await messages.deadLetter(message, reason);
    } catch (error) {
      log.warn('message dead-letter failed', { error: error as Error });
      await this.quietly(log, 'message release', () =>
        messages.setVisibility(message, 0),
      );
    }
  }

  private ids(
    job: SnapshotJob,
    message: ReceivedMessage,
  ): Record<string, string | number> {
    return {
      snapshotId: job.snapshotId,
      reportId: job.reportId,
      ...(job.batchId ? { batchId: job.batchId } : {}),
      attempt: message.receiveCount,
      workerId: this.options.workerId,
    };
  }

  private queueWait(job: SnapshotJob, message: ReceivedMessage): number {
    const enqueuedAt = message.sentAt ?? Date.parse(job.enqueuedAt);
    return Number.isFinite(enqueuedAt)
      ? Math.max(0, this.clock() - enqueuedAt)
      : 0;
  }

  /** Runs a clean-up step whose failure must not hide the job's outcome. */
  private async quietly(
    log: Logger,
    step: string,
    action: () => Promise<unknown>,
  ): Promise<void> {
    try {
      await action();
    } catch (error) {
      log.warn(`${step} failed`, { error: error as Error });
    }
  }
}

function isLeaseLost(error: unknown): boolean {
  return error instanceof JobAbortedError && error.reason === 'lease-lost';
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
