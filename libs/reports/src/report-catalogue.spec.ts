import {
  CatalogueDefinitionError,
  ReportCatalogue,
  UnknownReportError,
  defaultCatalogue,
  type ReportDefinition,
} from '.';

const base: ReportDefinition = {
  reportId: 'a-report',
  title: 'A report',
  dashboardId: 'a',
  version: '1',
  scope: 'school',
  public: true,
  parameters: [
    { name: 'School', source: 'school', multiValue: false, allowAll: false },
  ],
  expectedVisuals: 1,
};

describe('ReportCatalogue', () => {
  it('holds the four reports of the service', () => {
    const ids = defaultCatalogue.list().map((report) => report.reportId);

    expect(ids).toEqual([
      'campus-overview',
      'trends',
      'region-summary',
      'broken',
    ]);
    expect(defaultCatalogue.get('broken')?.public).toBe(false);
    expect(defaultCatalogue.get('nope')).toBeUndefined();
    expect(() => defaultCatalogue.require('nope')).toThrow(UnknownReportError);
  });

  it('refuses definitions that contradict themselves', () => {
    expect(() => new ReportCatalogue([base, base])).toThrow(/defined twice/);
    expect(() => new ReportCatalogue([{ ...base, scope: 'region' }])).toThrow(
      CatalogueDefinitionError,
    );
    expect(
      () =>
        new ReportCatalogue([
          {
            ...base,
            parameters: [
              ...base.parameters,
              {
                name: 'Year',
                source: 'filter',
                multiValue: false,
                allowAll: true,
              },
            ],
          },
        ]),
    ).toThrow(/filterKey/);
  });
});
