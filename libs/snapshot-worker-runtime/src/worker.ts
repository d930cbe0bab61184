import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@snapshots/logging';
import type { ReceivedMessage } from './job-queues';
import type { JobOutcome } from './job-processor';

export interface WorkerOptions {
  /** Where jobs come from, highest priority first. */
  queues: {
    receive(max: number, signal?: AbortSignal): Promise<ReceivedMessage[]>;
  };
  processor: {
    process(
      message: ReceivedMessage,
      deadline: AbortSignal,
    ): Promise<JobOutcome>;
  };
  /** Jobs at once: the capture pool's slots. */
  slots: number;
  /** After `stop`, how long jobs in flight may take to finish. */
  drainMs: number;
  logger: Logger;
  /** Pause after a failed receive. */
  pollRetryMs?: number;
}

// Jobs handed back at the deadline need a moment to release their lease
// and message; one that does not react by then is left to run out.
const RELEASE_GRACE_MS = 10_000;

/**
 * The worker loop: receives as many jobs as it has free slots, runs them
 * side by side, and on `stop` receives no more, lets the jobs in flight
 * finish until the drain deadline, then hands the rest back.
 */
export class Worker {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly polling = new AbortController();
  private readonly deadline = new AbortController();
  private readonly stopRequested: Promise<void>;
  private running: Promise<void> | undefined;

  constructor(private readonly options: WorkerOptions) {
    this.stopRequested = new Promise((resolve) =>
      this.polling.signal.addEventListener('abort', () => resolve(), {
        once: true,
      }),
    );
  }

  /** Runs until stopped and drained. */
  run(): Promise<void> {
    this.running ??= this.loop();
    return this.running;
  }

  /** Stops receiving and resolves when the jobs in flight have ended. */
  async stop(): Promise<void> {
    if (!this.polling.signal.aborted) {
      this.options.logger.info('worker stopping', {
        inFlight: this.inFlight.size,
        drainMs: this.options.drainMs,
      });
      this.polling.abort();
      setTimeout(() => this.deadline.abort(), this.options.drainMs).unref();
    }
    await this.run();
  }

  get jobsInFlight(): number {
    return this.inFlight.size;
  }

  private async loop(): Promise<void> {
    const { logger, slots } = this.options;
    logger.info('worker started', { slots });

    while (!this.polling.signal.aborted) {
      await this.freeSlot();
      if (this.polling.signal.aborted) break;

      const messages = await this.receive(slots - this.inFlight.size);
      // Messages in hand are worked on even when a stop came meanwhile:
      // handing them back would spend one of their attempts as well.
      for (const message of messages) this.start(message);
    }

    await this.drain();
    logger.info('worker stopped');
  }

  /**
   * One receive, left to run its course when a stop comes: SQS may
   * already have handed messages to a long poll that is cut short, and
   * those would stay out of sight, unworked, for a whole visibility
   * timeout. A stop waits at most one poll for them instead.
   */
  private async receive(max: number): Promise<ReceivedMessage[]> {
    const signal = this.polling.signal;
    try {
      return await this.options.queues.receive(max);
    } catch (error) {
      if (signal.aborted) return [];
      this.options.logger.error('receive failed', { error: error as Error });
      await sleep(this.options.pollRetryMs ?? 2000, undefined, {
        signal,
      }).catch(() => undefined);
      return [];
    }
  }

  private start(message: ReceivedMessage): void {
    const job: Promise<void> = this.options.processor
      .process(message, this.deadline.signal)
      .then(
        () => undefined,
        (error: unknown) =>
          this.options.logger.error('job crashed', {
            messageId: message.messageId,
            error: error as Error,
          }),
      )
      .finally(() => this.inFlight.delete(job));
    this.inFlight.add(job);
  }

  private async freeSlot(): Promise<void> {
    while (
      this.inFlight.size >= this.options.slots &&
      !this.polling.signal.aborted
    ) {
      await Promise.race([...this.inFlight, this.stopRequested]);
    }
  }

  private async drain(): Promise<void> {
    if (this.inFlight.size === 0) return;
    this.options.logger.info('worker draining', {
      inFlight: this.inFlight.size,
    });

    const gaveUp = new AbortController();
    const limit = sleep(this.options.drainMs + RELEASE_GRACE_MS, 'timeout', {
      signal: gaveUp.signal,
    }).catch(() => 'done');
    const result = await Promise.race([
      Promise.all(this.inFlight).then(() => 'done'),
      limit,
    ]);
    gaveUp.abort();

    if (result === 'timeout') {
      // Crash-only: their messages and leases run out and come back.
      this.options.logger.warn('jobs left running', {
        inFlight: this.inFlight.size,
      });
    }
  }
}
