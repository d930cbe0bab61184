import type { Logger } from '@snapshots/logging';
import { AwsFault } from '../aws-fault';
import { LocalStackError } from '../local-stack-error';

/**
 * What the group needs of a launched worker: the shape of a
 * `ChildProcess`, so `launchWorker` can simply return `spawn(...)`.
 */
export interface WorkerProcess {
  readonly pid?: number | undefined;
  kill(signal?: NodeJS.Signals): boolean;
  once(
    event: 'exit',
    listener: (code: number | null, signal: NodeJS.Signals | null) => void,
  ): this;
  on(event: 'error', listener: (error: Error) => void): this;
}

export interface WorkerLaunch {
  groupName: string;
  /** 1 for the group's first launch, counting replacements too. */
  launchIndex: number;
}

export interface WorkerGroupOptions {
  name: string;
  minSize: number;
  maxSize: number;
  /** Defaults to `minSize`. */
  desiredCapacity?: number;
  /** Starts one worker, e.g. `() => spawn(process.execPath, [main])`. */
  launchWorker(launch: WorkerLaunch): WorkerProcess;
  /** How long a worker may drain after SIGTERM before SIGKILL. 30 s. */
  terminationGraceMs?: number;
  /**
   * Pause before replacing a worker that exited by itself: `initialMs`
   * (1 s), doubled per exit in a row up to `maxMs` (30 s). A worker that
   * ran `stableAfterMs` (30 s) or longer starts the count again.
   */
  restartBackoff?: {
    initialMs?: number;
    maxMs?: number;
    stableAfterMs?: number;
  };
}

export type LifecycleState = 'InService' | 'Terminating';

export interface WorkerInstance {
  /** `i-local-<pid>` */
  instanceId: string;
  pid: number;
  lifecycleState: LifecycleState;
  launchedAt: Date;
}

export interface GroupDescription {
  name: string;
  minSize: number;
  maxSize: number;
  desiredCapacity: number;
  createdAt: Date;
  instances: WorkerInstance[];
}

interface Instance extends WorkerInstance {
  process: WorkerProcess;
  exited: Promise<void>;
  killTimer?: NodeJS.Timeout;
}

/**
 * An Auto Scaling group whose instances are local processes. It keeps as
 * many workers in service as desired: launching, terminating (SIGTERM,
 * then SIGKILL after the grace period) and replacing those that exit by
 * themselves, after a back-off, as a group replaces unhealthy instances.
 * Launched workers count as in service at once; there is no Pending.
 */
export class WorkerGroup {
  readonly name: string;
  readonly createdAt = new Date();
  private minSize: number;
  private maxSize: number;
  private desired: number;
  private readonly instances = new Map<string, Instance>();
  private launches = 0;
  private exitsInARow = 0;
  private backoffTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly options: WorkerGroupOptions,
    private readonly logger?: Logger,
  ) {
    this.name = options.name;
    this.minSize = options.minSize;
    this.maxSize = options.maxSize;
    this.desired = options.desiredCapacity ?? options.minSize;
    const sizes = [this.minSize, this.maxSize, this.desired];
    if (
      !sizes.every((size) => Number.isInteger(size) && size >= 0) ||
      this.minSize > this.desired ||
      this.desired > this.maxSize
    ) {
      throw new LocalStackError(
        `group ${this.name}: want whole numbers min <= desired <= max, ` +
          `got ${this.minSize} <= ${this.desired} <= ${this.maxSize}`,
      );
    }
    this.reconcile();
  }

  describe(): GroupDescription {
    return {
      name: this.name,
      minSize: this.minSize,
      maxSize: this.maxSize,
      desiredCapacity: this.desired,
      createdAt: this.createdAt,
      instances: [...this.instances.values()].map((instance) => ({
        instanceId: instance.instanceId,
        pid: instance.pid,
        lifecycleState: instance.lifecycleState,
        launchedAt: instance.launchedAt,
      })),
    };
  }

  setDesiredCapacity(desired: number): void {
    if (desired > this.maxSize) {
      throw new AwsFault(
        'ValidationError',
        `New SetDesiredCapacity value ${desired} is above max value ` +
          `${this.maxSize} for the AutoScalingGroup.`,
      );
    }
    if (desired < this.minSize) {
      throw new AwsFault(
        'ValidationError',
        `New SetDesiredCapacity value ${desired} is below min value ` +
          `${this.minSize} for the AutoScalingGroup.`,
      );
    }
    this.desired = desired;
    this.reconcile();
  }

  /**
   * New sizes; a desired capacity left out is moved inside the new bounds,
   * as the service does.
   */
  update(sizes: {
    minSize?: number;
    maxSize?: number;
    desiredCapacity?: number;
  }): void {
    const minSize = sizes.minSize ?? this.minSize;
    const maxSize = sizes.maxSize ?? this.maxSize;
    if (minSize > maxSize) {
      throw new AwsFault(
        'ValidationError',
        `Max bound, ${maxSize}, must be greater than or equal to min ` +
          `bound, ${minSize}`,
      );
    }
    const desired =
      sizes.desiredCapacity ??
      Math.min(Math.max(this.desired, minSize), maxSize);
    if (desired < minSize || desired > maxSize) {
      throw new AwsFault(
        'ValidationError',
        `Desired capacity:${desired} must be between the specified min ` +
          `size:${minSize} and max size:${maxSize}`,
      );
    }
    this.minSize = minSize;
    this.maxSize = maxSize;
    this.desired = desired;
    this.reconcile();
  }

  /** Terminates every worker and waits until all have exited. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.backoffTimer);
    this.desired = 0;
    this.reconcile();
    await Promise.all([...this.instances.values()].map((i) => i.exited));
  }

  /** Last resort when this process exits: no worker outlives it. */
  killNow(): void {
    for (const instance of this.instances.values()) {
      signal(instance, 'SIGKILL');
    }
  }

  private reconcile(): void {
    const inService = [...this.instances.values()].filter(
      (instance) => instance.lifecycleState === 'InService',
    );
    const surplus = inService.length - this.desired;

    // The newest go first: the oldest have warmed up the most.
    if (surplus > 0) {
      for (const instance of inService.slice(-surplus)) {
        this.terminate(instance);
      }
    }
    for (let missing = -surplus; missing > 0; missing -= 1) {
      if (this.backoffTimer || this.stopped) break;
      this.launch();
    }
  }

  private launch(): void {
    this.launches += 1;
    let child: WorkerProcess;
    try {
      child = this.options.launchWorker({
        groupName: this.name,
        launchIndex: this.launches,
      });
    } catch (error) {
      this.logger?.error('worker launch failed', { group: this.name, error });
      this.backOff(0);
      return;
    }

    // An unheard 'error' event would crash this process.
    child.on('error', (error) =>
      this.logger?.warn('worker process error', { group: this.name, error }),
    );
    if (child.pid === undefined) {
      this.backOff(0);
      return;
    }

    const instance: Instance = {
      instanceId: `i-local-${child.pid}`,
      pid: child.pid,
      lifecycleState: 'InService',
      launchedAt: new Date(),
      process: child,
      exited: new Promise((resolve) => child.once('exit', () => resolve())),
    };
    this.instances.set(instance.instanceId, instance);
    child.once('exit', (code, signalName) =>
      this.onExit(instance, code ?? signalName),
    );
    this.logger?.info('worker launched', {
      group: this.name,
      instanceId: instance.instanceId,
    });
  }

  private terminate(instance: Instance): void {
    instance.lifecycleState = 'Terminating';
    signal(instance, 'SIGTERM');
    instance.killTimer = setTimeout(
      () => signal(instance, 'SIGKILL'),
      this.options.terminationGraceMs ?? 30_000,
    ).unref();
  }

  private onExit(instance: Instance, status: number | string | null): void {
    clearTimeout(instance.killTimer);
    this.instances.delete(instance.instanceId);
    const unexpected = instance.lifecycleState === 'InService';
    this.logger?.info(unexpected ? 'worker died' : 'worker terminated', {
      group: this.name,
      instanceId: instance.instanceId,
      status,
    });
    if (unexpected) {
      this.backOff(Date.now() - instance.launchedAt.getTime());
    }
    this.reconcile();
  }

  private backOff(uptimeMs: number): void {
    const backoff = this.options.restartBackoff ?? {};
    if (uptimeMs >= (backoff.stableAfterMs ?? 30_000)) this.exitsInARow = 0;
    this.exitsInARow += 1;
    const delay = Math.min(
      (backoff.initialMs ?? 1_000) * 2 ** (this.exitsInARow - 1),
      backoff.maxMs ?? 30_000,
    );

    clearTimeout(this.backoffTimer);
    this.backoffTimer = setTimeout(() => {
      this.backoffTimer = undefined;
      this.reconcile();
    }, delay).unref();
  }
}

function signal(instance: Instance, name: NodeJS.Signals): void {
  try {
    instance.process.kill(name);
  } catch {
    // Already gone: its 'exit' event does the bookkeeping.
  }
}
