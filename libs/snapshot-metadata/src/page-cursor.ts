import { InvalidPageError } from './metadata-error';

export interface Page {
  /** Items per page: 1 to 1000, 100 when left out. */
  limit?: number;
  /** The `cursor` of the previous page. */
  cursor?: string;
}

type Key = Record<string, string | number>;

const maxLimit = 1000;

/** The page size, refused (not clamped) when out of range. */
export function pageLimit(page: Page | undefined): number {
  const limit = page?.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) {
    throw new InvalidPageError(
      `page limit must be a whole number from 1 to ${maxLimit}`,
    );
  }
  return limit;
}

/** An opaque cursor for the key DynamoDB stopped at. */
export function encodeCursor(key: Key | undefined): string | undefined {
  if (!key) return undefined;
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/**
 * The key a cursor stands for. It must have exactly the attributes of the
 * listing it came from, and the values `fixed` names (e.g. the batch id),
 * so a cursor from one listing cannot steer another.
 */
export function decodeCursor(
  cursor: string | undefined,
  attributes: readonly string[],
  fixed: Key = {},
): Key | undefined {
  if (cursor === undefined) return undefined;

  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (error) {
    throw new InvalidPageError('the cursor is not one this listing gave', {
      cause: error,
    });
  }
  if (!isKey(key, attributes, fixed)) {
    throw new InvalidPageError('the cursor is not one this listing gave');
  }
  return key;
}

function isKey(
  value: unknown,
  attributes: readonly string[],
  fixed: Key,
): value is Key {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  return (
    entries.length === attributes.length &&
    entries.every(
      ([name, item]) =>
        attributes.includes(name) &&
        (typeof item === 'string' || typeof item === 'number'),
    ) &&
    Object.entries(fixed).every(([name, item]) => (value as Key)[name] === item)
  );
}
