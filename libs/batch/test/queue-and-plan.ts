import { ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { BatchPlan, BatchTasks } from '../src';

/**
 * Plans a whole batch as the state machine would: the first page, then
 * the next until the plan says it is complete.
 */
export async function planEverything(
  tasks: BatchTasks,
  input: object,
): Promise<BatchPlan> {
  let plan = await tasks.planBatch({ input });
  while (!plan.complete) plan = await tasks.enqueueJobs(plan);
  return plan;
}

/**
 * Every message on the queue, each kept out of sight for an hour so that
 * none is read twice: the bodies, in the order they came.
 */
export async function drainQueue(
  sqs: SQSClient,
  queueUrl: string,
): Promise<string[]> {
  const bodies: string[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 3600,
      }),
    );
    if (Messages.length === 0) return bodies;
    bodies.push(...Messages.map((message) => message.Body ?? ''));
  }
}
