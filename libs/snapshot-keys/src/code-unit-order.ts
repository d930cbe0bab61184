/**
 * Orders strings by UTF-16 code units: the same on every machine and in
 * every locale, unlike `localeCompare`.
 */
export function byCodeUnit(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** The distinct values, in code-unit order. */
export function uniqueSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(byCodeUnit);
}
