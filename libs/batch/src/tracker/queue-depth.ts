import {
  GetQueueAttributesCommand,
  type QueueAttributeName,
  type SQSClient,
} from '@aws-sdk/client-sqs';

const depthAttributes: QueueAttributeName[] = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
];

/**
 * Messages on a queue: waiting, delayed, or received and not yet deleted.
 * Approximate, as SQS says: the tracker only trusts a run of zeros.
 */
export async function queueDepth(
  sqs: SQSClient,
  queueUrl: string,
): Promise<number> {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: depthAttributes,
    }),
  );
  return depthAttributes.reduce(
    (sum, name) => sum + Number(Attributes[name] ?? 0),
    0,
  );
}
