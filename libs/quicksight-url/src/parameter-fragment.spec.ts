import fc from 'fast-check';

import {
  parameterFragment,
  parseParameterFragment,
  withParameterFragment,
} from './parameter-fragment';
import { InvalidParameterError } from './quicksight-url-error';

describe('parameterFragment', () => {
  it('repeats the name for each value of a list, names sorted', () => {
    const fragment = parameterFragment({
      School: ['s-001'],
      Measure: ['a', 'b'],
    });

    expect(fragment).toBe('#p.Measure=a&p.Measure=b&p.School=s-001');
  });

  it('keeps [ALL] literal and escapes the characters that split entries', () => {
    const fragment = parameterFragment({
      Region: ['[ALL]'],
      Name: ['a b&c#d=e', 'Zürich'],
    });

    expect(fragment).toBe(
      '#p.Name=a%20b%26c%23d%3De&p.Name=Z%C3%BCrich&p.Region=[ALL]',
    );
  });

  it('is empty when there is nothing to set', () => {
    expect(parameterFragment({})).toBe('');
    expect(parameterFragment({ School: [] })).toBe('');
  });

  it('refuses a name that could inject another entry', () => {
    expect(() => parameterFragment({ 'School&p.Region': ['x'] })).toThrow(
      InvalidParameterError,
    );
  });

  it('refuses a value that is not well-formed text', () => {
    expect(() => parameterFragment({ School: ['\uD800'] })).toThrow(
      InvalidParameterError,
    );
  });

  it('decodes back to the same values, whatever they contain', () => {
    const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,11}$/);
    const value = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.constantFrom('[ALL]', ' ', '&', '#', '=', '%', '+', 'p.X=1', '%zz'),
    );
    const parameters = fc.dictionary(
      name,
      fc.array(value, { minLength: 1, maxLength: 4 }),
    );

    fc.assert(
      fc.property(parameters, (input) => {
        const fragment = parameterFragment(input);

        expect(parseParameterFragment(fragment)).toEqual(input);
        // Nothing but the entry separators may split the fragment.
        const entries = Object.values(input).flat().length;
        expect(fragment.split('&').length).toBe(Math.max(entries, 1));
      }),
      { numRuns: 500 },
    );
  });
});

describe('withParameterFragment', () => {
  it('never lets a value change where the URL goes', () => {
    const base = 'https://reports.example.com/dashboards/trends?code=1';
    const value = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.constantFrom('@evil.io/', '//evil.io', '#x', '?code=2', '\\evil'),
    );

    fc.assert(
      fc.property(fc.array(value, { maxLength: 4 }), (values) => {
        const url = new URL(withParameterFragment(base, { School: values }));

        expect(url.origin + url.pathname + url.search).toBe(base);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the query string and replaces an old fragment', () => {
    const url = withParameterFragment(
      'https://eu-west-1.quicksight.aws.amazon.com/embed/abc?code=x%2By#old',
      { School: ['s-001'] },
    );

    expect(url).toBe(
      'https://eu-west-1.quicksight.aws.amazon.com/embed/abc?code=x%2By' +
        '#p.School=s-001',
    );
  });
});
