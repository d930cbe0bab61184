/** The names the embedded service gives the resources template.yaml makes. */
export const resourceNames = {
  snapshotsTable: 'snapshots',
  campusesTable: 'campuses',
  bucket: 'snapshots-local',
  batchQueue: 'batch-jobs',
  batchDeadLetters: 'batch-jobs-dead',
  privateQueue: 'private-jobs',
  privateDeadLetters: 'private-jobs-dead',
  batchWorkers: 'batch-workers',
  privateWorkers: 'private-workers',
  batchStateMachine:
    'arn:aws:states:us-east-1:000000000000:stateMachine:snapshots-batch',
  privateStateMachine:
    'arn:aws:states:us-east-1:000000000000:stateMachine:snapshots-private',
} as const;

/** A Lambda ARN for a `${...FunctionArn}` placeholder of the ASL files. */
export function localFunctionArn(name: string): string {
  return `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
}
