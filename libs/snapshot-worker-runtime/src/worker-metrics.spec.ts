import { createEmfMetrics } from './worker-metrics';

function captureStdout(act: () => void): Record<string, unknown>[] {
  const chunks: string[] = [];
  const write = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array) => {
      chunks.push(String(chunk));
      return true;
    });
  try {
    act();
  } finally {
    write.mockRestore();
  }
  return chunks
    .join('')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('createEmfMetrics', () => {
  it('writes one embedded-metric-format line per finished job', () => {
    const metrics = createEmfMetrics({
      namespace: 'Snapshots',
      serviceName: 'snapshot-worker',
    });

    const [line, ...rest] = captureStdout(() =>
      metrics.jobReady({ queue: 'batch', renderMs: 1200, queueWaitMs: 40 }),
    );

    expect(rest).toHaveLength(0);
    expect(line).toMatchObject({
      queue: 'batch',
      service: 'snapshot-worker',
      JobsDone: 1,
      RenderTime: 1200,
      QueueWait: 40,
      _aws: {
        CloudWatchMetrics: [
          expect.objectContaining({
            Namespace: 'Snapshots',
            Dimensions: [expect.arrayContaining(['service', 'queue'])],
          }),
        ],
      },
    });
  });

  it('counts a spent job as failed and an earlier attempt as retried', () => {
    const metrics = createEmfMetrics({
      namespace: 'Snapshots',
      serviceName: 'snapshot-worker',
    });

    const lines = captureStdout(() => {
      metrics.jobFailed({ queue: 'private', final: false });
      metrics.jobFailed({ queue: 'private', final: true });
    });

    expect(lines).toEqual([
      expect.objectContaining({ JobsRetried: 1, queue: 'private' }),
      expect.objectContaining({ JobsFailed: 1, queue: 'private' }),
    ]);
    expect(lines[0]).not.toHaveProperty('JobsFailed');
  });
});
