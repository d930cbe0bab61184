import { z } from 'zod';
import { AwsFault } from '../aws-fault';
import type { HttpExchange, HttpReply } from '../http/loopback-server';
import type { Execution } from './execution';
import type { LocalStateMachines } from './local-state-machines';

const statuses = z.enum([
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'TIMED_OUT',
  'ABORTED',
]);
const token = z.string().min(1).max(1024);

/**
 * The operations the code calls, each with the schema of its request
 * body (member names as the service defines them) and what it answers.
 */
function operations(machines: LocalStateMachines) {
  return {
    StartExecution: operation(
      z.object({
        stateMachineArn: z.string(),
        name: z.string().optional(),
        input: z.string().optional(),
      }),
      (request) => {
        const execution = machines.start(request);
        return {
          executionArn: execution.executionArn,
          startDate: epochSeconds(execution.startDate),
        };
      },
    ),
    DescribeExecution: operation(
      z.object({ executionArn: z.string() }),
      (request) => describe(machines.describe(request.executionArn)),
    ),
    ListExecutions: operation(
      z.object({
        stateMachineArn: z.string(),
        statusFilter: statuses.optional(),
        maxResults: z.number().int().min(0).max(1000).optional(),
        nextToken: z.string().optional(),
      }),
      (request) => {
        const page = machines.list(request);
        return {
          executions: page.executions.map((execution) => ({
            executionArn: execution.executionArn,
            stateMachineArn: execution.stateMachineArn,
            name: execution.name,
            status: execution.status,
            startDate: epochSeconds(execution.startDate),
            stopDate: execution.stopDate && epochSeconds(execution.stopDate),
          })),
          nextToken: page.nextToken,
        };
      },
    ),
    StopExecution: operation(
      z.object({
        executionArn: z.string(),
        error: z.string().optional(),
        cause: z.string().optional(),
      }),
      (request) => ({
        stopDate: epochSeconds(machines.stop(request.executionArn, request)),
      }),
    ),
    SendTaskSuccess: operation(
      z.object({ taskToken: token, output: z.string() }),
      (request) => {
        machines.sendTaskSuccess(request.taskToken, request.output);
        return {};
      },
    ),
    SendTaskFailure: operation(
      z.object({
        taskToken: token,
        error: z.string().optional(),
        cause: z.string().optional(),
      }),
      (request) => {
        machines.sendTaskFailure(
          request.taskToken,
          request.error,
          request.cause,
        );
        return {};
      },
    ),
    SendTaskHeartbeat: operation(z.object({ taskToken: token }), (request) => {
      machines.sendTaskHeartbeat(request.taskToken);
      return {};
    }),
  };
}

function operation<T>(
  schema: z.ZodType<T>,
  answer: (request: T) => Record<string, unknown>,
) {
  return (body: unknown) => {
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AwsFault(
        'ValidationException',
        `${issue?.path.join('.') || 'request'}: ${issue?.message ?? 'invalid'}`,
      );
    }
    return answer(parsed.data);
  };
}

/**
 * Answers the AWS JSON 1.0 protocol that `@aws-sdk/client-sfn` speaks:
 * `POST /` with `X-Amz-Target: AWSStepFunctions.<Operation>` and a JSON
 * body; failures as `{ __type, message }`, which the client turns into its
 * typed exceptions.
 */
export function answerStepFunctions(
  machines: LocalStateMachines,
): (exchange: HttpExchange) => Promise<HttpReply> {
  const table: Record<string, (body: unknown) => Record<string, unknown>> =
    operations(machines);

  return (exchange) => {
    try {
      const target = String(exchange.headers['x-amz-target'] ?? '');
      const [service, name = ''] = target.split('.');
      const answer = service === 'AWSStepFunctions' ? table[name] : undefined;
      if (!answer) {
        throw new AwsFault(
          'UnknownOperationException',
          `unsupported operation '${target}'`,
        );
      }
      return Promise.resolve(reply(200, answer(parseBody(exchange.body))));
    } catch (error) {
      return Promise.resolve(faultReply(error));
    }
  };
}

function parseBody(body: string): unknown {
  try {
    return body === '' ? {} : JSON.parse(body);
  } catch {
    throw new AwsFault('SerializationException', 'request body is not JSON');
  }
}

function describe(execution: Execution): Record<string, unknown> {
  return {
    executionArn: execution.executionArn,
    stateMachineArn: execution.stateMachineArn,
    name: execution.name,
    status: execution.status,
    startDate: epochSeconds(execution.startDate),
    stopDate: execution.stopDate && epochSeconds(execution.stopDate),
    input: execution.input,
    inputDetails: { included: true },
    output: execution.output,
    outputDetails:
      execution.output === undefined
        ? undefined
        : {
            included: true,
          },
    error: execution.error,
    cause: execution.cause,
  };
}

// The JSON protocols carry timestamps as seconds since the epoch.
function epochSeconds(date: Date): number {
  return date.getTime() / 1000;
}

function reply(status: number, body: Record<string, unknown>): HttpReply {
  return {
    status,
    contentType: 'application/x-amz-json-1.0',
    body: JSON.stringify(body),
  };
}

function faultReply(error: unknown): HttpReply {
  if (error instanceof AwsFault) {
    return reply(error.statusCode, {
      __type: error.code,
      message: error.message,
    });
  }
  return reply(500, { __type: 'InternalFailure', message: String(error) });
}
