import type { SessionTag } from '@aws-sdk/client-quicksight';

import { ALL_VALUES, type ReportParameters } from './parameter-fragment';

/** Builds the row-level security tags of one anonymous embed session. */
export type SessionTagsFor = (parameters: ReportParameters) => SessionTag[];

export interface SessionTagsOptions {
  /** The dataset's `TagMultiValueDelimiter`; `,` by default. */
  delimiter?: string;
  /** The dataset's `MatchAllValue`, sent for `[ALL]`; `*` by default. */
  matchAllValue?: string;
}

/**
 * Session tags taken from the report's own parameters, e.g.
 * `{ school: 'School' }` tags the session with the requested school so the
 * dataset's row-level security shows that school's rows only. A parameter
 * the request does not carry gives no tag.
 *
 * @example
 * sessionTagsFromParameters({ school: 'School' })({ School: ['s-001'] });
 * // [{ Key: 'school', Value: 's-001' }]
 */
export function sessionTagsFromParameters(
  tagToParameter: Record<string, string>,
  options: SessionTagsOptions = {},
): SessionTagsFor {
  const delimiter = options.delimiter ?? ',';
  const matchAll = options.matchAllValue ?? '*';

  return (parameters) =>
    Object.entries(tagToParameter).flatMap(([key, parameter]) => {
      const values = parameters[parameter] ?? [];
      if (values.length === 0) return [];
      const value = values.includes(ALL_VALUES)
        ? matchAll
        : values.join(delimiter);
      return [{ Key: key, Value: value }];
    });
}
