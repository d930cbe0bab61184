/** What a conditional update changes. */
export interface Change {
  /** Attributes to set; `undefined` values are skipped. */
  set: Record<string, unknown>;
  /** Adds one to `attempt`. */
  raiseAttempt?: boolean;
  remove?: string[];
}

export interface UpdateParts {
  UpdateExpression: string;
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
}

/**
 * Writes an update and its condition as DynamoDB expressions. Every
 * attribute is written `#name` and every value `:name`; only the names and
 * values the expressions use are sent, since DynamoDB refuses unused ones.
 *
 * @example
 * conditionalUpdate(
 *   { set: { status: 'READY' }, remove: ['leaseOwner'] },
 *   '#status = :rendering AND #leaseOwner = :owner',
 *   { ':rendering': 'RENDERING', ':owner': 'w-1' },
 * );
 */
export function conditionalUpdate(
  change: Change,
  condition: string,
  conditionValues: Record<string, unknown>,
): UpdateParts {
  const setEntries = Object.entries(change.set).filter(
    ([, value]) => value !== undefined,
  );
  const assignments = setEntries.map(([name]) => `#${name} = :${name}`);
  if (change.raiseAttempt) assignments.push('#attempt = #attempt + :one');

  const clauses = [`SET ${assignments.join(', ')}`];
  if (change.remove?.length) {
    clauses.push(
      `REMOVE ${change.remove.map((name) => `#${name}`).join(', ')}`,
    );
  }
  const update = clauses.join(' ');

  const values: Record<string, unknown> = {
    ...Object.fromEntries(
      setEntries.map(([name, value]) => [`:${name}`, value]),
    ),
    ':one': 1,
    ...conditionValues,
  };
  const text = `${update} ${condition}`;

  return {
    UpdateExpression: update,
    ConditionExpression: condition,
    ExpressionAttributeNames: Object.fromEntries(
      tokens(text, '#').map((name) => [`#${name}`, name]),
    ),
    ExpressionAttributeValues: Object.fromEntries(
      tokens(text, ':').map((name) => [`:${name}`, values[`:${name}`]]),
    ),
  };
}

function tokens(text: string, sigil: '#' | ':'): string[] {
  const pattern = new RegExp(`${sigil}([A-Za-z][A-Za-z0-9_]*)`, 'g');
  return [
    ...new Set([...text.matchAll(pattern)].map((match) => match[1] ?? '')),
  ];
}
