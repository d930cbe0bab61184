import {
  InvalidRequestError,
  parseSnapshotRequest,
} from '@snapshots/snapshot-keys';
import { checkRequestFitsReport, defaultCatalogue } from '.';

function misfits(request: unknown) {
  const canonical = parseSnapshotRequest(request);
  try {
    checkRequestFitsReport(
      defaultCatalogue.require(canonical.reportId),
      canonical,
    );
    return [];
  } catch (error) {
    if (error instanceof InvalidRequestError) return error.issues;
    throw error;
  }
}

describe('checkRequestFitsReport', () => {
  it('accepts a request that gives what the report needs', () => {
    expect(
      misfits({
        reportId: 'trends',
        school: 's-1',
        filters: { measure: ['a', 'b'], year: '2024' },
      }),
    ).toEqual([]);
    expect(misfits({ reportId: 'region-summary', region: 'r-1' })).toEqual([]);
  });

  it('needs the scope of the report', () => {
    expect(misfits({ reportId: 'campus-overview', region: 'r-1' })).toEqual([
      { path: 'school', message: expect.any(String) as string },
      { path: 'region', message: 'is not used by report campus-overview' },
    ]);
    expect(misfits({ reportId: 'region-summary', school: 's-1' })).toEqual([
      { path: 'school', message: 'is not used by report region-summary' },
      { path: 'region', message: expect.any(String) as string },
    ]);
  });

  it('refuses filters the report would ignore or could not take', () => {
    expect(
      misfits({
        reportId: 'trends',
        school: 's-1',
        filters: { colour: 'red', year: ['2023', '2024'], measure: '[ALL]' },
      }),
    ).toEqual([
      { path: 'filters.colour', message: 'is not a filter of report trends' },
      { path: 'filters.measure', message: expect.any(String) as string },
      { path: 'filters.year', message: 'takes a single value' },
    ]);
  });
});
