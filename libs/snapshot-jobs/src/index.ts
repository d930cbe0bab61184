export { InvalidJobError, type JobIssue } from './invalid-job-error';
export { snapshotJobSchema, type SnapshotJob } from './snapshot-job';
export { parseSnapshotJob, serializeSnapshotJob } from './parse-snapshot-job';
