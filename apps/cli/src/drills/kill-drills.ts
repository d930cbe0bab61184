import { execFileSync } from 'node:child_process';
import type { EmbeddedService } from '@snapshots/embedded-service';
import { runPublicBatch } from '../flows/public-batch';
import { all, allSchools, expectedJobs, tally, type Drill } from './drill';
import { bootDrillService, untilRendering } from './drill-service';

// Every visual takes a few seconds, so a kill lands mid-capture.
const slowReports = { REPORT_SERVER_QUERY: 'fault=slow' };

/**
 * Runs a batch, and once jobs are rendering does `strike` to the fleet;
 * the batch must still end with every job READY or FAILED.
 */
function killDrill(
  name: string,
  strike: (service: EmbeddedService) => string,
): Drill {
  return {
    name,
    async run(folder) {
      const service = await bootDrillService(folder, {
        workerEnvironment: slowReports,
      });
      try {
        const batchId = `drill-${name}`;
        const batch = runPublicBatch(service, {
          reportId: 'campus-overview',
          batchId,
          jobsPerWorker: 3,
        });
        await untilRendering(service, batchId);
        const note = strike(service);
        const report = await batch;

        // The killed work is redone, not given up: every campus READY.
        const schools = await allSchools(service);
        const ids = await expectedJobs(service, 'campus-overview', schools);
        return await tally(service, name, all(ids, 'READY'), {
          checks: [
            {
              what: `the batch planned all ${schools.length} campuses`,
              passed: report.total === schools.length,
            },
          ],
          notes: [note, `batch ${report.status}`],
        });
      } finally {
        await service.stop();
      }
    },
  };
}

function batchWorkerPids(service: EmbeddedService): number[] {
  const group = service.autoScaling.describeGroup(service.names.batchWorkers);
  return (group?.instances ?? [])
    .filter((instance) => instance.lifecycleState === 'InService')
    .map((instance) => instance.pid);
}

/** SIGKILL every batch worker while it renders. */
export const workerKilled = killDrill('worker-killed', (service) => {
  const pids = batchWorkerPids(service);
  for (const pid of pids) process.kill(pid, 'SIGKILL');
  return `SIGKILL to ${pids.length} worker(s) mid-capture`;
});

/** SIGKILL every Chromium under the batch workers while they render. */
export const browserKilled = killDrill('browser-killed', (service) => {
  const browsers = batchWorkerPids(service).flatMap(childPids);
  for (const pid of browsers) process.kill(pid, 'SIGKILL');
  return `SIGKILL to ${browsers.length} browser process(es) mid-capture`;
});

function childPids(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}
