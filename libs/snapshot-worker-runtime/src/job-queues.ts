import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { z } from 'zod';
import { QueueSetupError } from './worker-error';
import type { QueueName } from './worker-settings';

export interface JobQueue {
  name: QueueName;
  url: string;
  /** The delivery after which SQS moves a message to the dead letters. */
  maxReceiveCount: number;
  /** Where the queue's redrive policy sends what cannot be done. */
  deadLetterUrl?: string;
}

/** One delivery of one message. */
export interface ReceivedMessage {
  queue: JobQueue;
  messageId: string;
  receiptHandle: string;
  body: string;
  /** 1 on the first delivery. */
  receiveCount: number;
  /** When the message was sent, epoch ms. */
  sentAt?: number;
}

// SQS keeps a message out of sight for at most twelve hours.
const MAX_VISIBILITY_SECONDS = 43_200;
/**
 * A message stays hidden a little longer than the lease on its snapshot,
 * so that when a dead worker's job comes back its lease has run out and
 * the next worker takes it over instead of putting it off.
 */
export const VISIBILITY_MARGIN_SECONDS = 2;
const MAX_BATCH = 10;
// Enough to say why; a message attribute counts against the 256 KiB.
const MAX_REASON_LENGTH = 1_000;

/**
 * The job queues, polled in priority order: a receive asks each queue in
 * turn without waiting and long-polls only the last one, so a private job
 * never waits behind a batch that is still being worked through.
 */
export class JobQueues {
  /**
   * @param hiddenSeconds how long a received message stays out of sight
   *   before the worker's first heartbeat: the lease plus the margin.
   *   Left to the queue's own setting, a shorter one would bring a dead
   *   worker's job back while its lease still runs, and every such early
   *   delivery spends one of the job's attempts on nothing.
   */
  constructor(
    private readonly sqs: SQSClient,
    readonly queues: readonly JobQueue[],
    private readonly waitSeconds: number,
    private readonly hiddenSeconds?: number,
  ) {}

  /** Up to `max` messages from the first queue that has any. */
  async receive(max: number, signal?: AbortSignal): Promise<ReceivedMessage[]> {
    for (const [index, queue] of this.queues.entries()) {
      const last = index === this.queues.length - 1;
      const wait = last ? this.waitSeconds : 0;
      const messages = await this.receiveFrom(queue, max, wait, signal);
      if (messages.length > 0) return messages;
    }
    return [];
  }

  async delete(message: ReceivedMessage): Promise<void> {
    await this.sqs.send(
      new DeleteMessageCommand({
        QueueUrl: message.queue.url,
        ReceiptHandle: message.receiptHandle,
      }),
    );
  }

  /**
   * Hides the message for `seconds` from now; 0 hands it to the next
   * receive (or, with its attempts spent, to the dead-letter queue).
   */
  async setVisibility(
    message: ReceivedMessage,
    seconds: number,
  ): Promise<void> {
    const timeout = Math.min(
      MAX_VISIBILITY_SECONDS,
      Math.max(0, Math.ceil(seconds)),
    );
    await this.sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: message.queue.url,
        ReceiptHandle: message.receiptHandle,
        VisibilityTimeout: timeout,
      }),
    );
  }

  /**
   * Moves a job that has ended FAILED to its queue's dead letters now,
   * with the reason, rather than waiting for SQS: it moves a message only
   * when someone receives from the queue again, and after a batch the
   * group has scaled to zero. A queue without dead letters hands the
   * message back instead, to run out its deliveries.
   */
  async deadLetter(message: ReceivedMessage, reason: string): Promise<void> {
    const { deadLetterUrl } = message.queue;
    if (!deadLetterUrl) return this.setVisibility(message, 0);

    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: deadLetterUrl,
        MessageBody: message.body,
        MessageAttributes: {
          FailureReason: {
            DataType: 'String',
            StringValue: reason.slice(0, MAX_REASON_LENGTH) || 'unknown',
          },
          SourceQueue: { DataType: 'String', StringValue: message.queue.name },
          ReceiveCount: {
            DataType: 'Number',
            StringValue: String(message.receiveCount),
          },
        },
      }),
    );
    // A crash between the two leaves a copy that comes back, finds the
    // snapshot FAILED and is deleted then; the dead letters may hold the
    // job twice, never not at all.
    await this.delete(message);
  }

  private async receiveFrom(
    queue: JobQueue,
    max: number,
    waitSeconds: number,
    signal?: AbortSignal,
  ): Promise<ReceivedMessage[]> {
    const { Messages = [] } = await this.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queue.url,
        MaxNumberOfMessages: Math.min(MAX_BATCH, Math.max(1, max)),
        WaitTimeSeconds: waitSeconds,
        ...(this.hiddenSeconds === undefined
          ? {}
          : {
              VisibilityTimeout: Math.min(
                MAX_VISIBILITY_SECONDS,
                Math.ceil(this.hiddenSeconds),
              ),
            }),
        MessageSystemAttributeNames: [
          'ApproximateReceiveCount',
          'SentTimestamp',
        ],
      }),
      { abortSignal: signal },
    );
    return Messages.flatMap((message) => toReceived(queue, message));
  }
}

function toReceived(queue: JobQueue, message: Message): ReceivedMessage[] {
  if (!message.MessageId || !message.ReceiptHandle) return [];
  const count = Number(message.Attributes?.ApproximateReceiveCount ?? '1');
  const sentAt = Number(message.Attributes?.SentTimestamp);
  return [
    {
      queue,
      messageId: message.MessageId,
      receiptHandle: message.ReceiptHandle,
      body: message.Body ?? '',
      receiveCount: Number.isFinite(count) && count > 0 ? count : 1,
      sentAt: Number.isFinite(sentAt) ? sentAt : undefined,
    },
  ];
}

const redrivePolicySchema = z.object({
  maxReceiveCount: z.coerce.number().int().positive(),
  deadLetterTargetArn: z.string().optional(),
});

/**
 * The queues with their attempt limits and dead letters, from each
 * queue's redrive policy; a configured `maxReceiveCount` overrides the
 * policy's. A queue with neither would deliver a failing job forever, so
 * it stops the worker at start-up.
 */
export async function resolveJobQueues(
  sqs: SQSClient,
  queues: readonly { name: QueueName; url: string }[],
  maxReceiveCount?: number,
): Promise<JobQueue[]> {
  return Promise.all(
    queues.map(async (queue) => {
      const policy = await redrivePolicy(sqs, queue.url);
      const limit = maxReceiveCount ?? policy?.maxReceiveCount;
      if (limit === undefined) {
        throw new QueueSetupError(
          queue.url,
          'has no redrive policy; set one or MAX_RECEIVE_COUNT',
        );
      }
      const deadLetterUrl = policy?.deadLetterTargetArn
        ? await queueUrlOf(sqs, policy.deadLetterTargetArn)
        : undefined;
      return {
        ...queue,
        maxReceiveCount: limit,
        ...(deadLetterUrl ? { deadLetterUrl } : {}),
      };
    }),
  );
}

async function redrivePolicy(
  sqs: SQSClient,
  url: string,
): Promise<z.infer<typeof redrivePolicySchema> | undefined> {
  let policy: string | undefined;
  try {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['RedrivePolicy'],
      }),
    );
    policy = Attributes?.RedrivePolicy;
  } catch (cause) {
    throw new QueueSetupError(url, 'attributes cannot be read', { cause });
  }
  if (!policy) return undefined;

  try {
    return redrivePolicySchema.parse(JSON.parse(policy));
  } catch (cause) {
    throw new QueueSetupError(url, 'redrive policy cannot be read', {
      cause,
    });
  }
}

/** The URL of a queue named by its ARN (`arn:…:sqs:region:account:name`). */
async function queueUrlOf(sqs: SQSClient, arn: string): Promise<string> {
  const [, , service, , account, name] = arn.split(':');
  if (service !== 'sqs' || !account || !name) {
    throw new QueueSetupError(arn, 'is not a queue ARN');
  }
  try {
    const { QueueUrl } = await sqs.send(
      new GetQueueUrlCommand({
        QueueName: name,
        QueueOwnerAWSAccountId: account,
      }),
    );
    if (!QueueUrl) throw new Error('no QueueUrl in the answer');
    return QueueUrl;
  } catch (cause) {
    throw new QueueSetupError(arn, 'dead-letter queue cannot be found', {
      cause,
    });
  }
}
