import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { QueueName } from './worker-settings';

/** What the worker counts and times. */
export interface WorkerMetrics {
  jobReady(job: {
    queue: QueueName;
    renderMs: number;
    queueWaitMs: number;
  }): void;
  /** `final` when the job has ended FAILED, not only this attempt. */
  jobFailed(job: { queue: QueueName; final: boolean }): void;
}

/**
 * Metrics as CloudWatch embedded-metric-format lines on standard output,
 * one line per event with the queue as dimension. On EC2 the CloudWatch
 * agent turns the lines into metrics; locally they are plain JSON logs.
 */
export function createEmfMetrics(options: {
  namespace: string;
  serviceName: string;
}): WorkerMetrics {
  const metrics = new Metrics(options);

  // Node runs one callback at a time, so adding and publishing in one
  // synchronous call never mixes the metrics of two jobs.
  const publish = (queue: QueueName, add: (m: Metrics) => void) => {
    metrics.addDimension('queue', queue);
    add(metrics);
    metrics.publishStoredMetrics();
  };

  return {
    jobReady: ({ queue, renderMs, queueWaitMs }) =>
      publish(queue, (m) => {
        m.addMetric('JobsDone', MetricUnit.Count, 1);
        m.addMetric('RenderTime', MetricUnit.Milliseconds, renderMs);
        m.addMetric('QueueWait', MetricUnit.Milliseconds, queueWaitMs);
      }),
    jobFailed: ({ queue, final }) =>
      publish(queue, (m) => {
        m.addMetric(final ? 'JobsFailed' : 'JobsRetried', MetricUnit.Count, 1);
      }),
  };
}
