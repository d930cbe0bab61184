/**
 * Where the worker bundle comes from and where it goes. The launch
 * template's user data downloads `currentKey`; template tests hold the two
 * together.
 */
export const workerBundle = {
  project: 'snapshot-worker',
  distDir: 'dist/apps/snapshot-worker',
  keyPrefix: 'snapshot-worker/',
  currentKey: 'snapshot-worker/current.tgz',
  /** Stack output naming the bucket the bundle is uploaded to. */
  bucketOutput: 'WorkerArtifactBucketName',
} as const;

/** Files whose change alters the stack itself, whatever the code does. */
export const stackFiles = ['template.yaml', 'samconfig.toml'] as const;
