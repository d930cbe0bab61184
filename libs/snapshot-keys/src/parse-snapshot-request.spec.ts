import { InvalidRequestError, parseSnapshotRequest, requestLimits } from '.';

// Jest's asymmetric matchers are typed `any`.
const matching = (pattern: RegExp) => expect.stringMatching(pattern) as string;

function issuesOf(input: unknown) {
  try {
    parseSnapshotRequest(input);
  } catch (error) {
    if (error instanceof InvalidRequestError) return error.issues;
    throw error;
  }
  throw new Error('the request was accepted');
}

describe('parseSnapshotRequest', () => {
  it('writes a request in its canonical form', () => {
    const canonical = parseSnapshotRequest({
      reportId: ' trends ',
      school: ' s-00001',
      filters: { year: ' 2024 ', measure: ['b', 'a ', ' b'] },
    });

    expect(canonical).toEqual({
      reportId: 'trends',
      school: 's-00001',
      region: null,
      filters: { measure: ['a', 'b'], year: ['2024'] },
      format: 'png',
    });
    expect(Object.keys(canonical.filters)).toEqual(['measure', 'year']);
  });

  it('keeps the format it is given', () => {
    const canonical = parseSnapshotRequest({
      reportId: 'region-summary',
      region: 'r-001',
      format: 'pdf',
    });

    expect(canonical).toMatchObject({ region: 'r-001', format: 'pdf' });
    expect(canonical.filters).toEqual({});
  });

  it('writes composed and decomposed accents alike', () => {
    const composed = parseSnapshotRequest({
      reportId: 'trends',
      filters: { subject: 'Mathématiques' },
    });
    const decomposed = parseSnapshotRequest({
      reportId: 'trends',
      filters: { subject: 'Mathématiques'.normalize('NFD') },
    });

    expect(decomposed).toEqual(composed);
  });

  it('lists every problem with its field path', () => {
    const issues = issuesOf({
      reportId: 'Campus Overview',
      school: '../etc',
      region: '',
      filters: { measure: ['ok', '', 7], 'bad key': 'x', year: 2024 },
      format: 'gif',
    });

    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'reportId', message: matching(/slug/) },
        { path: 'school', message: matching(/school id/) },
        { path: 'region', message: 'must not be empty' },
        { path: 'filters.measure[1]', message: 'must not be empty' },
        {
          path: 'filters.measure[2]',
          message: matching(/expected string/),
        },
        { path: 'filters.bad key', message: matching(/^name/) },
        {
          path: 'filters.year',
          message: 'must be a string or a list of strings',
        },
        { path: 'format', message: 'must be "png" or "pdf"' },
      ]),
    );
    expect(issues).toHaveLength(8);
  });

  it('refuses fields it does not know, naming each', () => {
    const issues = issuesOf({ reportId: 'trends', bucket: 'x', key: 'y' });

    expect(issues).toEqual([
      { path: 'bucket', message: 'is not a known field' },
      { path: 'key', message: 'is not a known field' },
    ]);
  });

  it('says what is missing and what is not an object', () => {
    expect(issuesOf({})).toEqual([
      { path: 'reportId', message: 'is required' },
    ]);
    expect(issuesOf('trends')).toEqual([
      { path: '', message: 'must be a JSON object' },
    ]);
    expect(issuesOf(null)).toEqual([
      { path: '', message: 'must be a JSON object' },
    ]);
  });

  it('bounds the number and size of filters', () => {
    const many = Object.fromEntries(
      Array.from({ length: requestLimits.filters + 1 }, (_, i) => [
        `f${i}`,
        'x',
      ]),
    );
    const longList = Array.from(
      { length: requestLimits.filterValues + 1 },
      (_, i) => `v${i}`,
    );

    expect(issuesOf({ reportId: 'trends', filters: many })).toEqual([
      { path: 'filters', message: matching(/at most 16/) },
    ]);
    expect(
      issuesOf({ reportId: 'trends', filters: { measure: longList } }),
    ).toEqual([{ path: 'filters.measure', message: matching(/at most/) }]);
    expect(
      issuesOf({
        reportId: 'trends',
        filters: { measure: 'x'.repeat(requestLimits.filterValueLength + 1) },
      }),
    ).toEqual([{ path: 'filters.measure', message: matching(/at most/) }]);
    expect(issuesOf({ reportId: 'trends', filters: { measure: [] } })).toEqual([
      { path: 'filters.measure', message: 'must list at least one value' },
    ]);
  });

  it('refuses invisible characters that would split one meaning in two', () => {
    const issues = issuesOf({
      reportId: 'trends',
      filters: { measure: ['a\u200bb', 'c\u0000', '\ud800'] },
    });

    expect(issues.map((issue) => issue.path)).toEqual([
      'filters.measure[0]',
      'filters.measure[1]',
      'filters.measure[2]',
    ]);
  });
});
