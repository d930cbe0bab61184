import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AwsFault } from '../aws-fault';
import type { HttpExchange, HttpReply } from '../http/loopback-server';
import type { GroupDescription, WorkerGroup } from './worker-group';
import { element, xmlContent, type XmlValue } from './xml';

const apiVersion = '2011-01-01';
const namespace = `http://autoscaling.amazonaws.com/doc/${apiVersion}/`;

const groupName = z.string().min(1).max(255);
const size = z.coerce.number().int().min(0);

export interface AutoScalingGroups {
  region: string;
  get(name: string): WorkerGroup | undefined;
  list(): WorkerGroup[];
  arnOf(name: string): string;
}

/**
 * The actions the code calls, each with the schema of its form fields
 * (flattened as the Query protocol sends them) and what it answers.
 */
function actions(groups: AutoScalingGroups) {
  const find = (name: string) => {
    const group = groups.get(name);
    if (!group) {
      throw new AwsFault(
        'ValidationError',
        `AutoScalingGroup name not found - AutoScalingGroup ${name} not found`,
      );
    }
    return group;
  };

  return {
    SetDesiredCapacity: action(
      z.object({ AutoScalingGroupName: groupName, DesiredCapacity: size }),
      (request) => {
        const group = find(request.AutoScalingGroupName);
        group.setDesiredCapacity(request.DesiredCapacity);
        return undefined;
      },
    ),
    UpdateAutoScalingGroup: action(
      z.object({
        AutoScalingGroupName: groupName,
        MinSize: size.optional(),
        MaxSize: size.optional(),
        DesiredCapacity: size.optional(),
      }),
      (request) => {
        find(request.AutoScalingGroupName).update({
          minSize: request.MinSize,
          maxSize: request.MaxSize,
          desiredCapacity: request.DesiredCapacity,
        });
        return undefined;
      },
    ),
    // Every match on one page: a local stack has a handful of groups.
    DescribeAutoScalingGroups: action(
      z.object({ AutoScalingGroupNames: z.array(groupName) }),
      (request) => {
        const names = request.AutoScalingGroupNames;
        const chosen =
          names.length === 0
            ? groups.list()
            : names.flatMap((name) => groups.get(name) ?? []);
        return {
          AutoScalingGroups: chosen.map((group) =>
            describeGroup(group.describe(), groups),
          ),
        };
      },
    ),
  };
}

function action<T>(schema: z.ZodType<T>, answer: (request: T) => XmlValue) {
  return (fields: Record<string, unknown>) => {
    const parsed = schema.safeParse(fields);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AwsFault(
        'ValidationError',
        `${issue?.path.join('.') || 'request'}: ${issue?.message ?? 'invalid'}`,
      );
    }
    return answer(parsed.data);
  };
}

/**
 * Answers the AWS Query protocol that `@aws-sdk/client-auto-scaling`
 * speaks: a form-encoded `Action=...&Version=2011-01-01` POST, answered
 * with `<ActionResponse>` XML, failures as `<ErrorResponse>`.
 */
export function answerAutoScaling(
  groups: AutoScalingGroups,
): (exchange: HttpExchange) => Promise<HttpReply> {
  const table: Record<string, (fields: Record<string, unknown>) => XmlValue> =
    actions(groups);

  return (exchange) => {
    const requestId = randomUUID();
    try {
      const form = new URLSearchParams(exchange.body);
      const name = form.get('Action') ?? '';
      const answer = table[name];
      if (!answer) {
        throw new AwsFault('InvalidAction', `unsupported action '${name}'`);
      }
      if (form.get('Version') !== apiVersion) {
        throw new AwsFault(
          'InvalidParameterValue',
          `unsupported version '${form.get('Version')}'`,
        );
      }
      const result = answer(readFields(form));
      return Promise.resolve(success(name, result, requestId));
    } catch (error) {
      return Promise.resolve(failure(error, requestId));
    }
  };
}

/**
 * Form fields as one object; `Name.member.N` lists become arrays in the
 * order of N. Other fields keep their string values.
 */
function readFields(form: URLSearchParams): Record<string, unknown> {
  const fields: Record<string, unknown> = { AutoScalingGroupNames: [] };
  const lists: Record<string, [number, string][]> = {};
  for (const [key, value] of form) {
    const member = /^(\w+)\.member\.(\d+)$/.exec(key);
    if (member?.[1] && member[2]) {
      (lists[member[1]] ??= []).push([Number(member[2]), value]);
    } else {
      fields[key] = value;
    }
  }
  for (const [name, items] of Object.entries(lists)) {
    fields[name] = items.sort(([a], [b]) => a - b).map(([, value]) => value);
  }
  return fields;
}

function describeGroup(
  group: GroupDescription,
  groups: AutoScalingGroups,
): XmlValue {
  const zone = `${groups.region}a`;
  return {
    AutoScalingGroupName: group.name,
    AutoScalingGroupARN: groups.arnOf(group.name),
    MinSize: group.minSize,
    MaxSize: group.maxSize,
    DesiredCapacity: group.desiredCapacity,
    DefaultCooldown: 300,
    AvailabilityZones: [zone],
    HealthCheckType: 'EC2',
    HealthCheckGracePeriod: 0,
    CreatedTime: group.createdAt,
    Instances: group.instances.map((instance) => ({
      InstanceId: instance.instanceId,
      InstanceType: 'local',
      AvailabilityZone: zone,
      LifecycleState: instance.lifecycleState,
      HealthStatus: 'Healthy',
      ProtectedFromScaleIn: false,
    })),
    TerminationPolicies: ['Default'],
    NewInstancesProtectedFromScaleIn: false,
  };
}

function success(name: string, result: XmlValue, requestId: string): HttpReply {
  const body =
    (result === undefined ? '' : element(`${name}Result`, result)) +
    element('ResponseMetadata', { RequestId: requestId });
  return xmlReply(
    200,
    `<${name}Response xmlns="${namespace}">${body}</${name}Response>`,
  );
}

function failure(error: unknown, requestId: string): HttpReply {
  const fault =
    error instanceof AwsFault
      ? error
      : new AwsFault('InternalFailure', String(error), 500);
  const body = xmlContent({
    Error: {
      Type: fault.statusCode < 500 ? 'Sender' : 'Receiver',
      Code: fault.code,
      Message: fault.message,
    },
    RequestId: requestId,
  });
  return xmlReply(
    fault.statusCode,
    `<ErrorResponse xmlns="${namespace}">${body}</ErrorResponse>`,
  );
}

function xmlReply(status: number, body: string): HttpReply {
  return {
    status,
    contentType: 'text/xml',
    body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}`,
  };
}
