import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  parseCloudFormation,
  type CloudFormationTemplate,
  type TemplateResource,
} from '@snapshots/deploy';

export const workspaceRoot = join(__dirname, '../../../..');

export const templateSource = readFileSync(
  join(workspaceRoot, 'template.yaml'),
  'utf8',
);

export const template: CloudFormationTemplate =
  parseCloudFormation(templateSource);

export const resources: Record<string, TemplateResource> =
  template.Resources ?? {};

export const parameters = template.Parameters ?? {};

/** Logical ids of the resources of one type. */
export function resourcesOfType(type: string): [string, TemplateResource][] {
  return Object.entries(resources).filter(([, r]) => r.Type === type);
}

export function resource(logicalId: string): TemplateResource {
  const found = resources[logicalId];
  if (!found) throw new Error(`template has no resource ${logicalId}`);
  return found;
}

/** A function's property, falling back to Globals.Function. */
export function functionProperty(logicalId: string, name: string): unknown {
  const own = resource(logicalId).Properties?.[name];
  const globals = (template.Globals as { Function?: Record<string, unknown> })
    ?.Function;
  return own ?? globals?.[name];
}

/** The logical id `!Ref X` or `!GetAtt X.Arn` points at, if either. */
export function referencedId(expression: unknown): string | undefined {
  if (typeof expression !== 'object' || expression === null) return;
  if ('Ref' in expression && typeof expression.Ref === 'string') {
    return expression.Ref;
  }
  if ('Fn::GetAtt' in expression && Array.isArray(expression['Fn::GetAtt'])) {
    const [id] = expression['Fn::GetAtt'] as unknown[];
    return typeof id === 'string' ? id : undefined;
  }
  return;
}

/** `${Name}` and `${Name.Attribute}` variables of a !Sub string. */
export function subVariables(text: string): string[] {
  return [...text.matchAll(/\$\{([^!}][^}]*)\}/g)].map(
    (match) => (match[1] ?? '').split('.')[0] ?? '',
  );
}

/**
 * Every logical id or parameter an expression refers to, through Ref,
 * GetAtt or the variables of Sub, at any depth.
 */
export function referencesIn(expression: unknown): string[] {
  if (Array.isArray(expression)) return expression.flatMap(referencesIn);
  if (typeof expression !== 'object' || expression === null) return [];

  const direct = referencedId(expression);
  if (direct) return [direct];

  const sub = (expression as Record<string, unknown>)['Fn::Sub'];
  if (typeof sub === 'string') return subVariables(sub);
  if (Array.isArray(sub)) {
    const [text, variables] = sub as [string, Record<string, unknown>];
    const local = new Set(Object.keys(variables ?? {}));
    return [
      ...subVariables(text).filter((name) => !local.has(name)),
      ...referencesIn(Object.values(variables ?? {})),
    ];
  }
  return Object.values(expression).flatMap(referencesIn);
}
