import {
  DescribeAutoScalingGroupsCommand,
  SetDesiredCapacityCommand,
  type AutoScalingClient,
} from '@aws-sdk/client-auto-scaling';
import type { Logger } from '@snapshots/logging';
import { WorkerGroupError } from '../service-error';

export interface PrivateWorkerState {
  groupName: string;
  desiredCapacity: number;
  /** Whether this call started the group from zero. */
  scaledOut: boolean;
}

/**
 * Makes sure the private worker group runs at least one worker: from zero
 * it is set to one, otherwise it is left alone, so a group that is already
 * busy (or scaled further by someone else) is never shrunk. Two runs that
 * both find it empty both ask for one, which is the same thing.
 *
 * @throws WorkerGroupError when the group is missing or refuses.
 */
export async function ensurePrivateWorker(
  autoScaling: AutoScalingClient,
  groupName: string,
  logger?: Logger,
): Promise<PrivateWorkerState> {
  const desired = await desiredCapacity(autoScaling, groupName);
  if (desired > 0) {
    return { groupName, desiredCapacity: desired, scaledOut: false };
  }

  try {
    await autoScaling.send(
      new SetDesiredCapacityCommand({
        AutoScalingGroupName: groupName,
        DesiredCapacity: 1,
        // A private caller is waiting; a cooldown from the last scale-in
        // must not keep them waiting longer.
        HonorCooldown: false,
      }),
    );
  } catch (cause) {
    throw new WorkerGroupError(groupName, 'could not be scaled out', {
      cause,
    });
  }
  logger?.info('private worker group scaled out', { groupName });
  return { groupName, desiredCapacity: 1, scaledOut: true };
}

async function desiredCapacity(
  autoScaling: AutoScalingClient,
  groupName: string,
): Promise<number> {
  let groups;
  try {
    ({ AutoScalingGroups: groups } = await autoScaling.send(
      new DescribeAutoScalingGroupsCommand({
        AutoScalingGroupNames: [groupName],
      }),
    ));
  } catch (cause) {
    throw new WorkerGroupError(groupName, 'could not be described', { cause });
  }

  const group = groups?.find((g) => g.AutoScalingGroupName === groupName);
  if (!group) throw new WorkerGroupError(groupName, 'does not exist');
  return group.DesiredCapacity ?? 0;
}
