import { parseSnapshotRequest } from '@snapshots/snapshot-keys';
import { defaultCatalogue, reportParameters } from '.';

const report = (reportId: string) => defaultCatalogue.require(reportId);

describe('reportParameters', () => {
  it('sends the school of a school report', () => {
    const request = parseSnapshotRequest({
      reportId: 'campus-overview',
      school: 's-00001',
    });

    expect(reportParameters(report('campus-overview'), request)).toEqual({
      School: ['s-00001'],
    });
  });

  it('sends the region of a region report', () => {
    const request = parseSnapshotRequest({
      reportId: 'region-summary',
      region: 'r-002',
    });

    expect(reportParameters(report('region-summary'), request)).toEqual({
      Region: ['r-002'],
    });
  });

  it('sends filter values in canonical order, in parameter order', () => {
    const request = parseSnapshotRequest({
      reportId: 'trends',
      school: 's-00007',
      filters: { year: '2023', measure: ['enrolment', 'attendance'] },
    });

    const parameters = reportParameters(report('trends'), request);

    expect(parameters).toEqual({
      School: ['s-00007'],
      Measure: ['attendance', 'enrolment'],
      Year: ['2023'],
    });
    expect(Object.keys(parameters)).toEqual(['School', 'Measure', 'Year']);
  });

  it('sends [ALL] for a left-out filter that accepts it', () => {
    const request = parseSnapshotRequest({
      reportId: 'trends',
      school: 's-00007',
    });

    expect(reportParameters(report('trends'), request)).toEqual({
      School: ['s-00007'],
      Measure: ['[ALL]'],
      Year: ['[ALL]'],
    });
  });

  it('leaves out a missing parameter that does not accept [ALL]', () => {
    const request = parseSnapshotRequest({ reportId: 'campus-overview' });

    expect(reportParameters(report('campus-overview'), request)).toEqual({});
  });
});
