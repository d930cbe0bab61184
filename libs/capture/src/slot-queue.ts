interface Waiter<T> {
  resolve: (slot: T) => void;
  reject: (error: Error) => void;
}

interface ExclusiveWork {
  run(): Promise<void>;
  started: boolean;
  done: Promise<void>;
}

/**
 * Hands out a fixed set of slots first come, first served. Exclusive work
 * (replacing the browser) waits until every slot is back and holds new
 * requests until it is done.
 */
export class SlotQueue<T> {
  private readonly free: T[];
  private readonly waiters: Waiter<T>[] = [];
  private readonly drainWaiters: (() => void)[] = [];
  private exclusiveWork: ExclusiveWork | undefined;
  private closedWith: Error | undefined;

  constructor(readonly all: readonly T[]) {
    this.free = [...all];
  }

  /**
   * A free slot, preferring one for which `prefer` holds (say, one that
   * has the job's report open already).
   */
  acquire(signal: AbortSignal, prefer?: (slot: T) => boolean): Promise<T> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    if (signal.aborted) return Promise.reject(abortReason(signal));
    if (!this.exclusiveWork && this.waiters.length === 0) {
      const preferred = prefer ? this.free.findIndex(prefer) : -1;
      const slot =
        preferred >= 0 ? this.free.splice(preferred, 1)[0] : this.free.pop();
      if (slot !== undefined) return Promise.resolve(slot);
    }

    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        const at = this.waiters.indexOf(waiter);
        if (at >= 0) this.waiters.splice(at, 1);
        reject(abortReason(signal));
      };
      const waiter: Waiter<T> = {
        resolve: (slot) => {
          signal.removeEventListener('abort', onAbort);
          resolve(slot);
        },
        reject: (error) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  release(slot: T): void {
    this.free.push(slot);
    this.dispatch();
  }

  /** Runs `work` while no slot is handed out. */
  exclusive(work: () => Promise<void>): Promise<void> {
    if (this.exclusiveWork) return this.exclusiveWork.done;
    let settle!: { resolve: () => void; reject: (error: unknown) => void };
    const done = new Promise<void>((resolve, reject) => {
      settle = { resolve, reject };
    });
    this.exclusiveWork = {
      started: false,
      done,
      run: () => work().then(settle.resolve, settle.reject),
    };
    this.dispatch();
    return done;
  }

  /** Refuses every waiting and later request with `error`. */
  close(error: Error): void {
    this.closedWith = error;
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
  }

  /** Resolves once every slot is back. */
  drained(): Promise<void> {
    if (this.free.length === this.all.length) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  private dispatch(): void {
    const allFree = this.free.length === this.all.length;
    if (allFree) {
      for (const resolve of this.drainWaiters.splice(0)) resolve();
    }

    const exclusive = this.exclusiveWork;
    if (exclusive) {
      if (allFree && !exclusive.started) {
        exclusive.started = true;
        void exclusive.run().finally(() => {
          this.exclusiveWork = undefined;
          this.dispatch();
        });
      }
      return;
    }
    while (this.waiters.length > 0 && this.free.length > 0) {
      const waiter = this.waiters.shift();
      const slot = this.free.pop();
      if (waiter && slot !== undefined) waiter.resolve(slot);
    }
  }
}

function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error('aborted');
}
