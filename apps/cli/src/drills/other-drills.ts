import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { mintToken, startApiServer } from '@snapshots/api-server';
import { defaultCatalogue } from '@snapshots/reports';
import {
  parseSnapshotRequest,
  snapshotIdentity,
} from '@snapshots/snapshot-keys';
import { SnapshotStore } from '@snapshots/snapshot-metadata';
import { setTimeout as sleep } from 'node:timers/promises';
import { requestSnapshot } from '../flows/private-request';
import { runPublicBatch } from '../flows/public-batch';
import { all, expectedJobs, tally, type Drill } from './drill';
import { bootDrillService } from './drill-service';

const failingSchool = 's-00002';

/** A campus whose report always fails: FAILED with a reason, dead-lettered. */
export const alwaysFails: Drill = {
  name: 'always-fails',
  async run(folder) {
    const service = await bootDrillService(folder, {
      failingSchools: [failingSchool],
    });
    try {
      const schools = ['s-00001', failingSchool, 's-00003'];
      const report = await runPublicBatch(service, {
        reportId: 'campus-overview',
        schools,
      });
      const failed = report.jobs.find((job) => job.status === 'FAILED');
      const { Messages = [] } = await service.clients.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: service.queues.batchDeadLetterUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 1,
        }),
      );

      const ids = await expectedJobs(service, 'campus-overview', schools);
      const failingId = ids[schools.indexOf(failingSchool)] ?? '';
      const expected = all(ids, 'READY').set(failingId, 'FAILED');
      const parked = Messages.map((message) => message.Body ?? '');
      return await tally(service, this.name, expected, {
        checks: [
          {
            what: 'the failure has a reason',
            passed: Boolean(failed?.reason?.trim()),
          },
          {
            what: 'its job is the one in the dead-letter queue',
            passed:
              parked.length === 1 && parked[0]?.includes(failingId) === true,
          },
        ],
        notes: [
          `failed ${failed?.school ?? 'none'}: ${failed?.reason ?? '-'}`,
          `${Messages.length} message(s) in the dead-letter queue`,
        ],
      });
    } finally {
      await service.stop();
    }
  },
};

/**
 * A worker claimed a snapshot and died: its lease runs out, and the next
 * request for the same snapshot renders it.
 */
export const abandonedLease: Drill = {
  name: 'abandoned-lease',
  async run(folder) {
    const service = await bootDrillService(folder);
    const api = await startApiServer({ environment: service.environment });
    try {
      const store = new SnapshotStore({
        client: service.clients.dynamodb,
        tableName: service.names.snapshotsTable,
      });
      const request = parseSnapshotRequest({
        reportId: 'campus-overview',
        school: 's-00004',
      });
      const report = defaultCatalogue.get('campus-overview');
      const identity = snapshotIdentity(request, {
        version: report?.version ?? '1',
        dataEpoch: await service.datasets.dataEpoch(),
      });
      await store.ensure({
        snapshotId: identity.snapshotId,
        reportId: request.reportId,
        request,
        reportVersion: report?.version ?? '1',
        dataEpoch: await service.datasets.dataEpoch(),
        objectKey: identity.objectKey,
      });
      await store.claim(identity.snapshotId, 'worker-that-died', 1_000);
      await sleep(1_500);

      const token = await mintToken({ schools: ['s-00004'] });
      const answer = await requestSnapshot(api.url, token, 'campus-overview', {
        school: 's-00004',
      });
      return await tally(
        service,
        this.name,
        all([identity.snapshotId], 'READY'),
        {
          notes: [
            `left RENDERING by worker-that-died; next request: ` +
              `${answer.body.status ?? answer.status}`,
          ],
        },
      );
    } finally {
      await api.stop();
      await service.stop();
    }
  },
};

/** The whole stack stops and starts again on the same folder. */
export const stackRestart: Drill = {
  name: 'stack-restart',
  async run(folder) {
    const schools = ['s-00001', 's-00002', 's-00003'];
    const before = await bootDrillService(folder);
    try {
      await runPublicBatch(before, { reportId: 'campus-overview', schools });
    } finally {
      await before.stop();
    }

    const after = await bootDrillService(folder);
    try {
      const again = await runPublicBatch(after, {
        reportId: 'campus-overview',
        schools,
      });
      const ids = await expectedJobs(after, 'campus-overview', schools);
      return await tally(after, this.name, all(ids, 'READY'), {
        checks: [
          {
            what: 'the batch after the restart finds every snapshot READY',
            passed: again.total === 0 && again.skipped === schools.length,
          },
        ],
        notes: [
          `after the restart: ${again.total} new job(s), ` +
            `${again.skipped} already READY`,
        ],
      });
    } finally {
      await after.stop();
    }
  },
};
