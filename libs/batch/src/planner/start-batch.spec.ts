import { defaultCatalogue } from '@snapshots/reports';
import {
  InvalidBatchInputError,
  ReportNotBatchableError,
} from '../batch-error';
import { startBatch } from './start-batch';

const epochs = { dataEpoch: () => Promise.resolve('r7@2024-06-01') };
const dependencies = { reports: defaultCatalogue, epochs, clock: () => 5_000 };

describe('startBatch', () => {
  it('pins the report version and data epoch and fills in defaults', async () => {
    const plan = await startBatch(
      { input: { reportId: 'campus-overview' }, execution: { Name: 'run-1' } },
      dependencies,
    );

    expect(plan).toMatchObject({
      batchId: 'run-1',
      reportId: 'campus-overview',
      revision: { version: '1', dataEpoch: 'r7@2024-06-01' },
      scope: 'school',
      schools: null,
      cursor: null,
      complete: false,
      jobs: 0,
      startedAt: 5_000,
      deadline: 5_000 + 3600 * 1000,
      pollSeconds: 30,
      scaling: { jobsPerWorker: 25, maxWorkers: 20 },
    });
  });

  it('prefers the batch id of the input and sorts the subset once', async () => {
    const plan = await startBatch(
      {
        input: {
          reportId: 'trends',
          batchId: 'mine',
          schools: ['s-00003', 's-00001', 's-00003'],
        },
        execution: { Name: 'run-2' },
      },
      dependencies,
    );

    expect(plan.batchId).toBe('mine');
    expect(plan.schools).toEqual(['s-00001', 's-00003']);
  });

  it('makes up a batch id when the execution name cannot be one', async () => {
    const plan = await startBatch(
      { input: { reportId: 'trends' }, execution: { Name: 'a name!' } },
      dependencies,
    );

    expect(plan.batchId).toMatch(/^b-\d{8}T\d{6}Z-[0-9a-f]{8}$/);
  });

  it('names every bad field of the input', async () => {
    const start = startBatch(
      { input: { reportId: '', pageSize: 0, maxWorkers: 'many' } },
      dependencies,
    );

    await expect(start).rejects.toBeInstanceOf(InvalidBatchInputError);
    await expect(start).rejects.toThrow(/reportId/);
    await expect(start).rejects.toThrow(/pageSize/);
    await expect(start).rejects.toThrow(/maxWorkers/);
  });

  it.each([
    ['unknown', /unknown report/],
    ['broken', /not public/],
  ])('refuses the report %s', async (reportId, reason) => {
    const start = startBatch({ input: { reportId } }, dependencies);

    await expect(start).rejects.toBeInstanceOf(ReportNotBatchableError);
    await expect(start).rejects.toThrow(reason);
  });
});
