import {
  DescribeAutoScalingGroupsCommand,
  SetDesiredCapacityCommand,
  UpdateAutoScalingGroupCommand,
  type AutoScalingClient,
  type AutoScalingGroup,
} from '@aws-sdk/client-auto-scaling';
import {
  createClients,
  destroyClients,
  type AwsClients,
} from '@snapshots/aws-clients';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startLocalAutoScaling, type LocalAutoScaling } from '../src';
import { useAwsEnvironment } from './support/aws-environment';
import { pollUntil } from './support/poll';

const worker = join(__dirname, 'fixtures', 'idle-worker.js');
const ready = new Set<number>();

function launchIdleWorker(...args: string[]) {
  return () => {
    const child = spawn(process.execPath, [worker, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.once('data', () => ready.add(child.pid ?? -1));
    return child;
  };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const pidOf = (instanceId = '') => Number(instanceId.replace('i-local-', ''));

let local: LocalAutoScaling;
let clients: AwsClients;
let autoScaling: AutoScalingClient;

beforeAll(async () => {
  local = await startLocalAutoScaling();
  local.registerGroup({
    name: 'snapshot-workers',
    minSize: 0,
    maxSize: 4,
    launchWorker: launchIdleWorker(),
    terminationGraceMs: 10_000,
    restartBackoff: { initialMs: 50 },
  });
  local.registerGroup({
    name: 'stuck-workers',
    minSize: 0,
    maxSize: 1,
    launchWorker: launchIdleWorker('--stubborn'),
    terminationGraceMs: 3_000,
  });
});
useAwsEnvironment(() => local.environment);
beforeAll(() => {
  clients = createClients();
  autoScaling = clients.autoScaling;
});
afterAll(async () => {
  destroyClients(clients);
  await local.stop();
});

async function readGroup(name: string): Promise<AutoScalingGroup> {
  const { AutoScalingGroups } = await autoScaling.send(
    new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }),
  );
  const [group] = AutoScalingGroups ?? [];
  if (!group) throw new Error(`no group ${name}`);
  return group;
}

const setDesired = (name: string, capacity: number) =>
  autoScaling.send(
    new SetDesiredCapacityCommand({
      AutoScalingGroupName: name,
      DesiredCapacity: capacity,
    }),
  );

const inService = (group: AutoScalingGroup) =>
  (group.Instances ?? []).filter((i) => i.LifecycleState === 'InService');

describe('the local Auto Scaling group', () => {
  it('starts, replaces and stops real worker processes', async () => {
    await setDesired('snapshot-workers', 3);
    const scaledOut = await readGroup('snapshot-workers');
    const pids = inService(scaledOut).map((i) => pidOf(i.InstanceId));

    expect(scaledOut).toMatchObject({
      AutoScalingGroupName: 'snapshot-workers',
      MinSize: 0,
      MaxSize: 4,
      DesiredCapacity: 3,
    });
    expect(scaledOut.CreatedTime).toBeInstanceOf(Date);
    expect(pids).toHaveLength(3);
    expect(pids.every(isRunning)).toBe(true);

    const [crashed] = pids;
    process.kill(crashed ?? -1, 'SIGKILL');
    const healed = await pollUntil(
      () => readGroup('snapshot-workers'),
      (group) =>
        inService(group).length === 3 &&
        !inService(group).some((i) => pidOf(i.InstanceId) === crashed),
    );
    const replacement = inService(healed)
      .map((i) => pidOf(i.InstanceId))
      .find((pid) => !pids.includes(pid));

    expect(replacement).toBeDefined();
    expect(isRunning(replacement ?? -1)).toBe(true);

    await setDesired('snapshot-workers', 0);
    const all = [...pids.slice(1), replacement ?? -1];
    const empty = await pollUntil(
      () => readGroup('snapshot-workers'),
      (group) => (group.Instances ?? []).length === 0,
    );

    expect(empty.DesiredCapacity).toBe(0);
    expect(all.filter(isRunning)).toEqual([]);
  });

  it('lowers the desired capacity to a new, smaller maximum', async () => {
    await setDesired('snapshot-workers', 2);

    await autoScaling.send(
      new UpdateAutoScalingGroupCommand({
        AutoScalingGroupName: 'snapshot-workers',
        MaxSize: 1,
      }),
    );
    const group = await pollUntil(
      () => readGroup('snapshot-workers'),
      (g) => (g.Instances ?? []).length === 1,
    );

    expect(group).toMatchObject({ MaxSize: 1, DesiredCapacity: 1 });
    await setDesired('snapshot-workers', 0);
    await pollUntil(
      () => readGroup('snapshot-workers'),
      (g) => (g.Instances ?? []).length === 0,
    );
  });

  it('kills a worker that ignores SIGTERM after the grace period', async () => {
    await setDesired('stuck-workers', 1);
    const [instance] = (await readGroup('stuck-workers')).Instances ?? [];
    const pid = pidOf(instance?.InstanceId);
    await pollUntil(
      () => ready.has(pid),
      (isReady) => isReady,
    );

    await setDesired('stuck-workers', 0);
    const draining = local.describeGroup('stuck-workers')?.instances;
    await pollUntil(
      () => readGroup('stuck-workers'),
      (group) => (group.Instances ?? []).length === 0,
    );

    expect(draining).toMatchObject([{ pid, lifecycleState: 'Terminating' }]);
    expect(isRunning(pid)).toBe(false);
  });

  it('refuses sizes out of bounds and unknown groups with ValidationError', async () => {
    await expect(setDesired('snapshot-workers', 9)).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining('above max value') as string,
    });
    await expect(setDesired('no-such-group', 1)).rejects.toMatchObject({
      name: 'ValidationError',
    });
  });

  it('describes only the groups asked for', async () => {
    const { AutoScalingGroups } = await autoScaling.send(
      new DescribeAutoScalingGroupsCommand({
        AutoScalingGroupNames: ['stuck-workers', 'no-such-group'],
      }),
    );

    expect(AutoScalingGroups?.map((g) => g.AutoScalingGroupName)).toEqual([
      'stuck-workers',
    ]);
  });
});
