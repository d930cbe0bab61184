import { InvalidParameterError } from './quicksight-url-error';

/** QuickSight parameter values by parameter name. */
export type ReportParameters = Record<string, string[]>;

/** The literal QuickSight reads as "every value" of a parameter. */
export const ALL_VALUES = '[ALL]';

// QuickSight parameter names are alphanumeric; holding to that keeps a name
// from smuggling `&` or `=` into the fragment.
const PARAMETER_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

/**
 * The `#p.Name=value` fragment that sets dashboard parameters, one entry per
 * value so lists repeat the name. Names come out sorted so one set of
 * parameters always gives one URL. A parameter with no values is left out.
 *
 * @example
 * parameterFragment({ School: ['s-001'], Measure: ['a', 'b'] });
 * // '#p.Measure=a&p.Measure=b&p.School=s-001'
 */
export function parameterFragment(parameters: ReportParameters): string {
  const entries = Object.keys(parameters)
    .sort()
    .flatMap((name) => {
      assertParameterName(name);
      return (parameters[name] ?? []).map(
        (value) => `p.${name}=${encodeValue(name, value)}`,
      );
    });
  return entries.length === 0 ? '' : `#${entries.join('&')}`;
}

/**
 * Reads a fragment written by {@link parameterFragment} (with or without
 * its `#`) back into parameters. Entries that are not `p.` parameters are
 * ignored.
 */
export function parseParameterFragment(fragment: string): ReportParameters {
  const body = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  const parameters: ReportParameters = {};

  for (const entry of body.split('&')) {
    const separator = entry.indexOf('=');
    if (!entry.startsWith('p.') || separator < 0) continue;
    const name = decodeURIComponent(entry.slice(2, separator));
    const value = decodeURIComponent(entry.slice(separator + 1));
    (parameters[name] ??= []).push(value);
  }
  return parameters;
}

/**
 * `url` with its fragment replaced by the parameter fragment. Embed URLs
 * carry their one-time token in the query string, which stays untouched.
 */
export function withParameterFragment(
  url: string,
  parameters: ReportParameters,
): string {
  const target = new URL(url);
  target.hash = '';
  return target.toString() + parameterFragment(parameters);
}

function assertParameterName(name: string): void {
  if (!PARAMETER_NAME.test(name)) {
    throw new InvalidParameterError(
      name,
      'a name must be letters and digits, starting with a letter',
    );
  }
}

function encodeValue(name: string, value: string): string {
  if (value === ALL_VALUES) return value;
  try {
    return encodeURIComponent(value);
  } catch (cause) {
    // encodeURIComponent refuses lone UTF-16 surrogates.
    throw new InvalidParameterError(name, 'a value is not well-formed text', {
      cause,
    });
  }
}
