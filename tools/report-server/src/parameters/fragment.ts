/**
 * QuickSight's URL parameter syntax, `#p.School=s-00001&p.School=s-00002`:
 * a repeated key is a list, `[ALL]` stands for every value. Used by the
 * server (on query strings) and the page (on the fragment), so it must not
 * touch Node or the DOM.
 */
export type ParameterValues = Record<string, string[]>;

export const allValues = '[ALL]';

/** Reads `p.`-prefixed pairs; other keys are not parameters. */
export function parseParameterPairs(
  pairs: Iterable<[string, string]>,
): ParameterValues {
  const values: ParameterValues = {};
  for (const [key, value] of pairs) {
    if (!key.startsWith('p.') || key.length === 2) continue;
    const name = key.slice(2);
    (values[name] ??= []).push(value);
  }
  return values;
}

/** Reads a `#p.Name=value&...` fragment (with or without the `#`). */
export function parseFragment(fragment: string): ParameterValues {
  const pairs = fragment
    .replace(/^#/, '')
    .split('&')
    .filter((part) => part.includes('='))
    .map((part): [string, string] => {
      const at = part.indexOf('=');
      return [decode(part.slice(0, at)), decode(part.slice(at + 1))];
    });
  return parseParameterPairs(pairs);
}

/** Writes parameters as a fragment, names sorted, `[ALL]` kept readable. */
export function formatFragment(values: ParameterValues): string {
  const parts = Object.keys(values)
    .sort()
    .flatMap((name) =>
      (values[name] ?? []).map(
        (value) =>
          `p.${encode(name)}=${value === allValues ? value : encode(value)}`,
      ),
    );
  return parts.length === 0 ? '' : `#${parts.join('&')}`;
}

/** Adds parameters to a query string, one pair per value. */
export function appendParameters(
  search: URLSearchParams,
  values: ParameterValues,
): URLSearchParams {
  for (const [name, list] of Object.entries(values)) {
    for (const value of list) search.append(`p.${name}`, value);
  }
  return search;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // A malformed escape stays as typed; the value check rejects it.
    return text;
  }
}

function encode(text: string): string {
  return encodeURIComponent(text);
}
