/**
 * Who is asking, as far as snapshots are concerned: the schools and regions
 * their claims grant, or everything for an administrator.
 */
export interface Caller {
  subject: string | null;
  schools: ReadonlySet<string>;
  regions: ReadonlySet<string>;
  admin: boolean;
}

/** The claims as an authorizer hands them over. */
export type Claims = Readonly<Record<string, unknown>>;

/** Ids as the request schema accepts them; anything else grants nothing. */
const scopeId = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/**
 * Reads a caller from token claims (`schools`, `regions`, `admin`).
 *
 * The API Gateway JWT authorizer turns every claim into a string: a list
 * arrives as `"[s-001 s-002]"`, a flag as `"true"`. Tokens read directly
 * keep their JSON types. Both forms, and comma-separated lists, are read
 * alike. A claim that is missing or malformed grants nothing.
 *
 * @example
 * callerFromClaims({ sub: 'u-1', schools: '[s-00001 s-00002]' });
 * // { subject: 'u-1', schools: Set{'s-00001','s-00002'}, regions: Set{},
 * //   admin: false }
 */
export function callerFromClaims(claims: Claims | undefined | null): Caller {
  const subject = claims?.sub;
  return {
    subject: typeof subject === 'string' && subject ? subject : null,
    schools: new Set(claimList(claims?.schools)),
    regions: new Set(claimList(claims?.regions)),
    admin: claims?.admin === true || claims?.admin === 'true',
  };
}

function claimList(value: unknown): string[] {
  const items = Array.isArray(value)
    ? value
    : typeof value === 'string'
      ? splitClaim(value)
      : [];
  return items.filter(
    (item): item is string => typeof item === 'string' && scopeId.test(item),
  );
}

function splitClaim(text: string): unknown[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[') && trimmed.endsWith(']')) {
    const inner = trimmed.slice(1, -1);
    // A JSON list (`["a","b"]`) survives some proxies unchanged.
    if (inner.trimStart().startsWith('"')) return parseJsonList(trimmed);
    return inner.split(/[\s,]+/);
  }
  return trimmed.split(/[\s,]+/);
}

function parseJsonList(text: string): unknown[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}
