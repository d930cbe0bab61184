import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { parseSnapshotJob } from '@snapshots/snapshot-jobs';
import { z } from 'zod';

const sendMessageParameters = z.object({
  QueueUrl: z.string().min(1),
  MessageBody: z.record(z.string(), z.unknown()),
});

/**
 * What `arn:aws:states:::sqs:sendMessage.waitForTaskToken` does in AWS,
 * for a local run of the same state machine: the state's resolved
 * Parameters become one queue message. The body is checked against the
 * job contract first, so a state machine that writes a job the worker
 * would refuse fails here, in a test, rather than in a queue.
 *
 * Errors are named like the service integration's (`SQS.<name>`), so the
 * state's Retry and Catch see what they would see in AWS.
 */
export async function sendPrivateJob(
  sqs: SQSClient,
  parameters: unknown,
): Promise<{ MessageId?: string }> {
  const { QueueUrl, MessageBody } = sendMessageParameters.parse(parameters);
  const body = JSON.stringify(MessageBody);
  parseSnapshotJob(body);

  try {
    const sent = await sqs.send(
      new SendMessageCommand({ QueueUrl, MessageBody: body }),
    );
    return { MessageId: sent.MessageId };
  } catch (error) {
    if (error instanceof Error) error.name = `SQS.${error.name}`;
    throw error;
  }
}
