import {
  DescribeAutoScalingGroupsCommand,
  SetDesiredCapacityCommand,
  type AutoScalingClient,
} from '@aws-sdk/client-auto-scaling';
import { WorkerGroupNotFoundError } from '../batch-error';

export interface GroupCapacity {
  groupName: string;
  desired: number;
  previous: number;
  groupMax: number;
}

/**
 * The Auto Scaling group of snapshot workers. Scaling sets the desired
 * capacity directly (no cooldown): the batch knows how much work it has.
 */
export class WorkerGroup {
  constructor(
    private readonly autoScaling: AutoScalingClient,
    readonly groupName: string,
  ) {}

  async describe(): Promise<{ desired: number; groupMax: number }> {
    const { AutoScalingGroups = [] } = await this.autoScaling.send(
      new DescribeAutoScalingGroupsCommand({
        AutoScalingGroupNames: [this.groupName],
      }),
    );
    const group = AutoScalingGroups[0];
    if (!group) throw new WorkerGroupNotFoundError(this.groupName);
    return {
      desired: group.DesiredCapacity ?? 0,
      groupMax: group.MaxSize ?? 0,
    };
  }

  /**
   * Sets the desired capacity, clamped to the group's MaxSize (Auto
   * Scaling refuses a value above it).
   */
  async setDesired(
    decide: (groupMax: number) => number,
  ): Promise<GroupCapacity> {
    const { desired: previous, groupMax } = await this.describe();
    const desired = Math.min(decide(groupMax), groupMax);
    await this.autoScaling.send(
      new SetDesiredCapacityCommand({
        AutoScalingGroupName: this.groupName,
        DesiredCapacity: desired,
        HonorCooldown: false,
      }),
    );
    return { groupName: this.groupName, desired, previous, groupMax };
  }
}
