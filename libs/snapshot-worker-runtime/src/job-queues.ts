import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
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
const MAX_BATCH = 10;

/**
 * The job queues, polled in priority order: a receive asks each queue in
 * turn without waiting and long-polls only the last one, so a private job
 * never waits behind a batch that is still being worked through.
 */
export class JobQueues {
  constructor(
    private readonly sqs: SQSClient,
    readonly queues: readonly JobQueue[],
    private readonly waitSeconds: number,
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
});

/**
 * The queues with their attempt limits: the configured one, or the one
 * each queue's redrive policy gives. A queue without either would deliver
 * a failing job forever, so it stops the worker at start-up.
 */
export async function resolveJobQueues(
  sqs: SQSClient,
  queues: readonly { name: QueueName; url: string }[],
  maxReceiveCount?: number,
): Promise<JobQueue[]> {
  return Promise.all(
    queues.map(async (queue) => ({
      ...queue,
      maxReceiveCount: maxReceiveCount ?? (await redriveLimit(sqs, queue.url)),
    })),
  );
}

async function redriveLimit(sqs: SQSClient, url: string): Promise<number> {
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
  if (!policy) {
    throw new QueueSetupError(
      url,
      'has no redrive policy; set one or MAX_RECEIVE_COUNT',
    );
  }

  try {
    return redrivePolicySchema.parse(JSON.parse(policy)).maxReceiveCount;
  } catch (cause) {
    throw new QueueSetupError(url, 'redrive policy has no maxReceiveCount', {
      cause,
    });
  }
}
