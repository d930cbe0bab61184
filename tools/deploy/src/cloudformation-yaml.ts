import { parse, type Tags } from 'yaml';
import { TemplateError } from './deploy-error';

/** A parsed template: the short-form tags become their long forms. */
export type CloudFormationTemplate = Record<string, unknown> & {
  Parameters?: Record<string, Record<string, unknown>>;
  Conditions?: Record<string, unknown>;
  Resources?: Record<string, TemplateResource>;
  Outputs?: Record<string, unknown>;
};

export interface TemplateResource {
  Type: string;
  Condition?: string;
  Properties?: Record<string, unknown>;
  [key: string]: unknown;
}

// Short forms CloudFormation accepts, and the long form each one stands for.
const functionNames = [
  'And',
  'Base64',
  'Cidr',
  'Equals',
  'FindInMap',
  'GetAZs',
  'If',
  'ImportValue',
  'Join',
  'Length',
  'Not',
  'Or',
  'Select',
  'Split',
  'Sub',
  'ToJsonString',
  'Transform',
];

function longForm(tag: string, value: unknown): Record<string, unknown> {
  if (tag === 'Ref' || tag === 'Condition') return { [tag]: value };
  if (tag === 'GetAtt' && typeof value === 'string') {
    // `!GetAtt Bucket.Arn` is `{ Fn::GetAtt: [Bucket, Arn] }`.
    const dot = value.indexOf('.');
    return { 'Fn::GetAtt': [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [`Fn::${tag}`]: value };
}

const cloudFormationTags: Tags = [
  ...['Ref', 'Condition', 'GetAtt', ...functionNames].flatMap((name) => [
    {
      tag: `!${name}`,
      resolve: (value: string) => longForm(name, value),
    },
    {
      tag: `!${name}`,
      collection: 'seq' as const,
      resolve: (value: { toJSON(): unknown }) => longForm(name, value.toJSON()),
    },
    {
      tag: `!${name}`,
      collection: 'map' as const,
      resolve: (value: { toJSON(): unknown }) => longForm(name, value.toJSON()),
    },
  ]),
];

/**
 * Parses a CloudFormation or SAM template written in YAML, short-form tags
 * (`!Ref`, `!Sub`, `!GetAtt`, `!If`, ...) included.
 *
 * @example
 * parseCloudFormation('A: !GetAtt Bucket.Arn');
 * // { A: { 'Fn::GetAtt': ['Bucket', 'Arn'] } }
 */
export function parseCloudFormation(
  source: string,
  where = 'template.yaml',
): CloudFormationTemplate {
  let parsed: unknown;
  try {
    parsed = parse(source, {
      customTags: cloudFormationTags,
      // Unknown tags, duplicate keys and the like are errors, not warnings.
      strict: true,
      prettyErrors: true,
    });
  } catch (cause) {
    throw new TemplateError(where, 'is not valid YAML', { cause });
  }

  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new TemplateError(where, 'is not a mapping');
  }
  return parsed as CloudFormationTemplate;
}
