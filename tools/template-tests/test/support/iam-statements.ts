import { resources } from './stack';

export interface PolicyStatement {
  /** `<LogicalId>/<Sid>` */
  where: string;
  logicalId: string;
  sid?: string;
  effect: unknown;
  actions: unknown[];
  resources: unknown[];
}

const noValue = { Ref: 'AWS::NoValue' };

/** Both branches of every `Fn::If`, without `AWS::NoValue`. */
export function branches(value: unknown): unknown[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap(branches);
  if (typeof value === 'object' && value !== null && 'Fn::If' in value) {
    const [, whenTrue, whenFalse] = value['Fn::If'] as unknown[];
    return [...branches(whenTrue), ...branches(whenFalse)];
  }
  return JSON.stringify(value) === JSON.stringify(noValue) ? [] : [value];
}

function documents(
  properties: Record<string, unknown>,
  type: string,
): unknown[] {
  if (type === 'AWS::IAM::ManagedPolicy') return [properties.PolicyDocument];
  return branches(properties.Policies).map(
    (policy) => (policy as { PolicyDocument: unknown }).PolicyDocument,
  );
}

/** Every identity-policy statement of the template's roles and policies. */
export function identityStatements(): PolicyStatement[] {
  return Object.entries(resources).flatMap(([logicalId, resource]) => {
    if (!/^AWS::IAM::(Role|ManagedPolicy)$/.test(resource.Type)) return [];

    return documents(resource.Properties ?? {}, resource.Type).flatMap(
      (document) =>
        branches((document as { Statement: unknown }).Statement).map((raw) => {
          const statement = raw as Record<string, unknown>;
          const sid =
            typeof statement.Sid === 'string' ? statement.Sid : undefined;
          return {
            where: `${logicalId}/${sid ?? '(no Sid)'}`,
            logicalId,
            sid,
            effect: statement.Effect,
            actions: branches(statement.Action),
            resources: branches(statement.Resource),
          };
        }),
    );
  });
}
