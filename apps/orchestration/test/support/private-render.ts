import { setTimeout as sleep } from 'node:timers/promises';
import {
  DescribeExecutionCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { EmbeddedService } from '@snapshots/embedded-service';
import { defaultCatalogue } from '@snapshots/reports';
import { snapshotIdentity } from '@snapshots/snapshot-keys';
import type { SnapshotRecord } from '@snapshots/snapshot-metadata';
import { snapshotStore } from './batch-service';

/** How a private render ended, as its execution and its record tell it. */
export interface PrivateOutcome {
  execution: string;
  error?: string;
  record?: SnapshotRecord;
}

/**
 * Does what a private request does once it finds no READY snapshot:
 * writes the metadata PENDING and starts the private state machine on it;
 * then waits for the execution to end.
 */
export async function renderPrivately(
  service: EmbeddedService,
  stateMachineArn: string,
  school: string,
): Promise<PrivateOutcome> {
  const request = {
    reportId: 'campus-overview',
    school,
    region: null,
    filters: {},
    format: 'png' as const,
  };
  const report = defaultCatalogue.get(request.reportId);
  if (!report) throw new Error(`no report ${request.reportId}`);
  const revision = {
    version: report.version,
    dataEpoch: await service.datasets.dataEpoch(),
  };
  const identity = snapshotIdentity(request, revision);
  const store = snapshotStore(service);
  const { record } = await store.ensure({
    snapshotId: identity.snapshotId,
    reportId: request.reportId,
    request,
    reportVersion: revision.version,
    dataEpoch: revision.dataEpoch,
    objectKey: identity.objectKey,
  });

  const { executionArn } = await service.clients.sfn.send(
    new StartExecutionCommand({
      stateMachineArn,
      name: `${identity.snapshotId}-${record.attempt}`,
      input: JSON.stringify({
        snapshotId: identity.snapshotId,
        reportId: request.reportId,
        request,
        reportVersion: revision.version,
        dataEpoch: revision.dataEpoch,
        objectKey: identity.objectKey,
        attempt: record.attempt,
      }),
    }),
  );

  for (let polls = 0; polls < 240; polls++) {
    const execution = await service.clients.sfn.send(
      new DescribeExecutionCommand({ executionArn }),
    );
    if (execution.status !== 'RUNNING') {
      return {
        execution: execution.status ?? 'UNKNOWN',
        error: execution.error,
        record: await store.get(identity.snapshotId, { consistent: true }),
      };
    }
    await sleep(250);
  }
  throw new Error(`the private render of ${school} did not end in a minute`);
}
