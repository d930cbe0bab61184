import type { SessionTag } from '@aws-sdk/client-quicksight';

import { ALL_VALUES, type ReportParameters } from './parameter-fragment';
import { InvalidParameterError } from './quicksight-url-error';

/** Builds the row-level security tags of one anonymous embed session. */
export type SessionTagsFor = (parameters: ReportParameters) => SessionTag[];

export interface SessionTagsOptions {
  /** The dataset's `TagMultiValueDelimiter`; `,` by default. */
  delimiter?: string;
  /** The dataset's `MatchAllValue`, sent for `[ALL]`; `*` by default. */
  matchAllValue?: string;
  /**
   * Whether `[ALL]` may become the match-all value. Off by default: a tag
   * narrows what a session sees, and a request must not be able to widen
   * it to every row.
   */
  allowMatchAll?: boolean;
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
      if (values.includes(ALL_VALUES)) {
        if (!options.allowMatchAll) {
          throw new InvalidParameterError(
            parameter,
            `[ALL] would show every row to a session tagged by ${key}`,
          );
        }
        return [{ Key: key, Value: matchAll }];
      }
      // The dataset splits a tag at the delimiter: a value holding it, or
      // the match-all value, would become rows nobody asked for.
      const smuggling = values.find(
        (value) => value.includes(delimiter) || value === matchAll,
      );
      if (smuggling !== undefined) {
        throw new InvalidParameterError(
          parameter,
          `"${smuggling}" cannot be a ${key} tag value`,
        );
      }
      return [{ Key: key, Value: values.join(delimiter) }];
    });
}
