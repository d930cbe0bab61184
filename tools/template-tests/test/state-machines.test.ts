import { aslExists, placeholders, readAsl, taskStates } from './support/asl';
import { identityStatements } from './support/iam-statements';
import {
  functionProperty,
  referencedId,
  resource,
  resourcesOfType,
} from './support/stack';

const machines = resourcesOfType('AWS::Serverless::StateMachine');

/** What one Task state calls: a function or a queue of the template. */
function taskTarget(
  task: { name: string; resource: string; parameters: Record<string, unknown> },
  substitutions: Record<string, unknown>,
): { type: string; logicalId: string } {
  const through = (placeholder: unknown) => {
    const name = /^\$\{(\w+)\}$/.exec(String(placeholder))?.[1] ?? '';
    const logicalId = referencedId(substitutions[name]) ?? `(${name}?)`;
    return { type: resource(logicalId).Type, logicalId };
  };

  if (task.resource.startsWith('${')) return through(task.resource);
  if (
    /^arn:aws:states:::lambda:invoke(\.waitForTaskToken)?$/.test(task.resource)
  ) {
    return through(task.parameters.FunctionName);
  }
  if (
    /^arn:aws:states:::sqs:sendMessage(\.waitForTaskToken)?$/.test(
      task.resource,
    )
  ) {
    return through(task.parameters.QueueUrl);
  }
  throw new Error(
    `${task.name}: no check for the integration ${task.resource}`,
  );
}

describe('state machines', () => {
  it('are both in the template', () => {
    expect(machines.map(([id]) => id).sort()).toEqual([
      'BatchStateMachine',
      'PrivateStateMachine',
    ]);
  });

  describe.each(machines)('%s', (logicalId, machine) => {
    const properties = machine.Properties ?? {};
    const definitionUri = String(properties.DefinitionUri);
    const substitutions = (properties.DefinitionSubstitutions ?? {}) as Record<
      string,
      unknown
    >;
    const role = referencedId(properties.Role) ?? '';
    const grants = identityStatements().filter((s) => s.logicalId === role);

    const tasks = () => {
      const { json } = readAsl(definitionUri);
      return taskStates(json).map((task) => ({
        ...task,
        target: taskTarget(task, substitutions),
      }));
    };
    const granted = (action: string) =>
      grants
        .filter((s) => s.actions.includes(action))
        .flatMap((s) => s.resources.map(referencedId))
        .sort();

    it(`has its definition at ${definitionUri}`, () => {
      expect(aslExists(definitionUri)).toBe(true);
    });

    it('substitutes every placeholder of the definition, and no other', () => {
      const { text } = readAsl(definitionUri);

      expect(placeholders(text).sort()).toEqual(
        Object.keys(substitutions).sort(),
      );
    });

    it('calls only functions and queues of this template', () => {
      for (const task of tasks()) {
        expect([task.name, task.target.type]).toEqual([
          task.name,
          expect.stringMatching(/^AWS::(Serverless::Function|SQS::Queue)$/),
        ]);
      }
    });

    it('may invoke exactly the functions and queues its tasks call', () => {
      const called = (type: string) =>
        [
          ...new Set(
            tasks()
              .filter((task) => task.target.type === type)
              .map((task) => task.target.logicalId),
          ),
        ].sort();

      expect(granted('lambda:InvokeFunction')).toEqual(
        called('AWS::Serverless::Function'),
      );
      expect(granted('sqs:SendMessage')).toEqual(called('AWS::SQS::Queue'));
    });

    it('gives up on a function before the state does', () => {
      for (const task of tasks()) {
        if (task.target.type !== 'AWS::Serverless::Function') continue;
        const timeout = functionProperty(task.target.logicalId, 'Timeout');

        expect([task.name, timeout]).toEqual([task.name, expect.any(Number)]);
        if (task.timeoutSeconds !== undefined) {
          expect(timeout as number).toBeLessThan(task.timeoutSeconds);
        }
      }
    });

    it('logs to a log group of its own', () => {
      const logging = properties.Logging as {
        Destinations: { CloudWatchLogsLogGroup: { LogGroupArn: unknown } }[];
      };
      const group = referencedId(
        logging.Destinations[0]?.CloudWatchLogsLogGroup.LogGroupArn,
      );

      expect(resource(group ?? '(none)').Type).toBe('AWS::Logs::LogGroup');
    });
  });
});
