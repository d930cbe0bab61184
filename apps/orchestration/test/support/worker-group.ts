import { DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import type { EmbeddedService } from '@snapshots/embedded-service';
import type { SeenProcess, WorkerProcessWatch } from './worker-processes';

/** A worker group as DescribeAutoScalingGroups reports it. */
export async function describeWorkerGroup(
  service: EmbeddedService,
  groupName: string,
): Promise<{ desired: number; instances: number }> {
  const { AutoScalingGroups = [] } = await service.clients.autoScaling.send(
    new DescribeAutoScalingGroupsCommand({
      AutoScalingGroupNames: [groupName],
    }),
  );
  const group = AutoScalingGroups[0];
  if (!group) throw new Error(`no worker group ${groupName}`);
  return {
    desired: group.DesiredCapacity ?? -1,
    instances: group.Instances?.length ?? 0,
  };
}

/**
 * The batch worker group once a batch has ended: its desired capacity,
 * and, after waiting up to `timeoutMs` for draining workers to exit, the
 * instances and noted processes still there.
 */
export async function fleetAfterBatch(
  service: EmbeddedService,
  watch: WorkerProcessWatch,
  timeoutMs = 60_000,
): Promise<{ desired: number; instances: number; running: SeenProcess[] }> {
  const { desired } = await describeWorkerGroup(
    service,
    service.names.batchWorkers,
  );
  const running = await watch.untilAllEnded(timeoutMs);
  const { instances } = await describeWorkerGroup(
    service,
    service.names.batchWorkers,
  );
  return { desired, instances, running };
}
