export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * What a task result becomes on its way through Step Functions: JSON.
 * `undefined` turns into `null`, as a Lambda function that returns nothing.
 */
export function toJsonValue(value: unknown): JsonValue {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}
