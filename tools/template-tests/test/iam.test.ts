import { branches, identityStatements } from './support/iam-statements';
import {
  referencedId,
  referencesIn,
  resources,
  resourcesOfType,
  templateSource,
} from './support/stack';

/** Statements whose resource is "*" because AWS accepts nothing else. */
const awsRequiresWildcard = new Map([
  ['LambdaNetworkPolicy/ManageFunctionInterfaces', 'ENIs of a VPC Lambda'],
  ['ScaleWorkersRole/DescribeWorkerGroups', 'Auto Scaling Describe*'],
  ['DispatchPrivateRole/DescribeWorkerGroups', 'Auto Scaling Describe*'],
  ['BatchStateMachineRole/DeliverExecutionLogs', 'log delivery APIs'],
  ['PrivateStateMachineRole/DeliverExecutionLogs', 'log delivery APIs'],
]);

/** Statements that name things this stack cannot own. */
const outsideTheStack = new Map([
  ['WorkerRole/EmbedDashboards', 'QuickSight dashboards of the account'],
]);

const statements = identityStatements();

/**
 * Names a resource declared with a stack-scoped name, such as the private
 * state machine `${AWS::StackName}-private`, where a !Ref would close a
 * dependency loop.
 */
function namesStackResource(expression: unknown): boolean {
  const sub = (expression as { 'Fn::Sub'?: unknown })['Fn::Sub'];
  if (typeof sub !== 'string') return false;
  const names = Object.values(resources).flatMap((resource) =>
    Object.entries(resource.Properties ?? {})
      .filter(([key]) => /Name$/.test(key))
      .map(([, value]) => (value as { 'Fn::Sub'?: unknown })['Fn::Sub'])
      .filter((name): name is string => typeof name === 'string'),
  );
  return names.some((name) => sub.endsWith(`:${name}`));
}

/** The comment lines right above `- Sid: <sid>` in one resource's text. */
function commentAbove(logicalId: string, sid: string): string {
  const lines = templateSource.split('\n');
  const start = lines.indexOf(`  ${logicalId}:`);
  const end = lines.findIndex(
    (line, i) => i > start && /^ {2}\w+:$/.test(line),
  );
  const block = lines.slice(start, end === -1 ? undefined : end);
  const at = block.findIndex((line) => line.trim() === `- Sid: ${sid}`);
  const comment: string[] = [];
  for (let i = at - 1; i >= 0 && block[i]?.trim().startsWith('#'); i--) {
    comment.unshift(block[i]?.trim() ?? '');
  }
  return comment.join(' ');
}

describe('IAM in template.yaml', () => {
  it('finds the statements of every role and policy', () => {
    expect(statements.length).toBeGreaterThan(30);
    expect(statements.map((s) => s.where)).toContain(
      'WorkerRole/EmbedDashboards',
    );
  });

  it('allows, with a Sid, and no wildcard action', () => {
    for (const statement of statements) {
      expect([statement.where, statement.effect]).toEqual([
        statement.where,
        'Allow',
      ]);
      expect(statement.sid).toBeDefined();
      for (const action of statement.actions) {
        expect([statement.where, action]).toEqual([
          statement.where,
          expect.stringMatching(/^[a-z0-9-]+:[A-Za-z]+$/),
        ]);
      }
    }
  });

  it('names only resources of this stack, bar the listed exceptions', () => {
    const offending = statements.flatMap((statement) =>
      statement.resources
        .filter((expression) => {
          if (expression === '*') {
            return !awsRequiresWildcard.has(statement.where);
          }
          if (outsideTheStack.has(statement.where)) return false;
          const ownResource = referencesIn(expression).some(
            (id) => id in resources,
          );
          return !ownResource && !namesStackResource(expression);
        })
        .map(
          (expression) => `${statement.where}: ${JSON.stringify(expression)}`,
        ),
    );

    expect(offending).toEqual([]);
  });

  it('uses every listed exception, each explained where it lives', () => {
    for (const [where] of [...awsRequiresWildcard, ...outsideTheStack]) {
      const statement = statements.find((s) => s.where === where);
      expect([where, statement?.resources]).toEqual([
        where,
        awsRequiresWildcard.has(where)
          ? ['*']
          : expect.arrayContaining([expect.anything()]),
      ]);

      const [logicalId = '', sid = ''] = where.split('/');
      const comment = commentAbove(logicalId, sid);
      expect([where, comment]).toEqual([
        where,
        awsRequiresWildcard.has(where)
          ? expect.stringContaining('AWS requires "*"')
          : expect.stringMatching(/\S/),
      ]);
    }
  });

  it('attaches no managed policy from outside the template', () => {
    for (const [id, role] of resourcesOfType('AWS::IAM::Role')) {
      for (const arn of branches(role.Properties?.ManagedPolicyArns)) {
        const policy = referencedId(arn);
        expect([id, policy && resources[policy]?.Type]).toEqual([
          id,
          'AWS::IAM::ManagedPolicy',
        ]);
      }
    }
  });

  it('leaves no SAM policy shortcut that would add unchecked grants', () => {
    const serverless = [
      ...resourcesOfType('AWS::Serverless::Function'),
      ...resourcesOfType('AWS::Serverless::StateMachine'),
    ];

    for (const [id, resource] of serverless) {
      expect([id, resource.Properties?.Policies]).toEqual([id, undefined]);
      expect([id, referencedId(resource.Properties?.Role)]).toEqual([
        id,
        expect.stringMatching(/Role$/),
      ]);
    }
  });
});
