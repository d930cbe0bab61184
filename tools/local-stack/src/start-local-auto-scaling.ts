import type { Logger } from '@snapshots/logging';
import { randomUUID } from 'node:crypto';
import {
  answerAutoScaling,
  type AutoScalingGroups,
} from './auto-scaling/query-protocol';
import {
  WorkerGroup,
  type GroupDescription,
  type WorkerGroupOptions,
} from './auto-scaling/worker-group';
import { startLoopbackServer } from './http/loopback-server';
import { LocalStackError } from './local-stack-error';

export interface LocalAutoScalingOptions {
  /** A fixed port; a free one when absent. */
  port?: number;
  /** Shows in group ARNs and availability zones. `us-east-1`. */
  region?: string;
  logger?: Logger;
}

export interface LocalAutoScaling {
  endpoint: string;
  /** Points `@aws-sdk/client-auto-scaling` at this adapter. */
  environment: { AWS_ENDPOINT_URL_AUTO_SCALING: string };
  /**
   * Adds a group of local worker processes, launching `desiredCapacity`
   * of them at once. Throws `LocalStackError` for a taken name or sizes
   * out of order.
   */
  registerGroup(group: WorkerGroupOptions): void;
  /** The group as DescribeAutoScalingGroups reports it, for assertions. */
  describeGroup(name: string): GroupDescription | undefined;
  /** Terminates every worker, waits for them to exit, closes the port. */
  stop(): Promise<void>;
}

const account = '000000000000';

/**
 * Starts an EC2 Auto Scaling stand-in on the loopback interface whose
 * instances are local processes. The real `@aws-sdk/client-auto-scaling`
 * reaches it through `AWS_ENDPOINT_URL_AUTO_SCALING` for
 * SetDesiredCapacity, UpdateAutoScalingGroup and
 * DescribeAutoScalingGroups.
 *
 * @example
 * const asg = await startLocalAutoScaling();
 * asg.registerGroup({
 *   name: 'snapshot-workers', minSize: 0, maxSize: 4,
 *   launchWorker: () => spawn(process.execPath, ['dist/worker/main.js'],
 *     { stdio: 'inherit', env: { ...process.env, ...stack.environment } }),
 * });
 */
export async function startLocalAutoScaling(
  options: LocalAutoScalingOptions = {},
): Promise<LocalAutoScaling> {
  const region = options.region ?? 'us-east-1';
  const groups = new Map<string, { group: WorkerGroup; arn: string }>();
  const registry: AutoScalingGroups = {
    region,
    get: (name) => groups.get(name)?.group,
    list: () => [...groups.values()].map(({ group }) => group),
    arnOf: (name) => groups.get(name)?.arn ?? '',
  };

  const server = await startLoopbackServer(
    'auto scaling',
    answerAutoScaling(registry),
    options.port,
  );
  // Workers must not outlive this process, however it ends.
  const killWorkers = () => registry.list().forEach((g) => g.killNow());
  process.on('exit', killWorkers);

  return {
    endpoint: server.endpoint,
    environment: { AWS_ENDPOINT_URL_AUTO_SCALING: server.endpoint },
    registerGroup: (group) => {
      if (groups.has(group.name)) {
        throw new LocalStackError(`group ${group.name} is already registered`);
      }
      const arn =
        `arn:aws:autoscaling:${region}:${account}:autoScalingGroup:` +
        `${randomUUID()}:autoScalingGroupName/${group.name}`;
      groups.set(group.name, {
        group: new WorkerGroup(group, options.logger),
        arn,
      });
    },
    describeGroup: (name) => registry.get(name)?.describe(),
    stop: async () => {
      await Promise.all(registry.list().map((group) => group.stop()));
      process.off('exit', killWorkers);
      await server.close();
    },
  };
}
