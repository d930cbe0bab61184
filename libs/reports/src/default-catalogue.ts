import { ReportCatalogue } from './report-catalogue';
import type { ReportParameter } from './report-definition';

const school: ReportParameter = {
  name: 'School',
  source: 'school',
  multiValue: false,
  allowAll: false,
};

const region: ReportParameter = {
  name: 'Region',
  source: 'region',
  multiValue: false,
  allowAll: false,
};

/**
 * The reports this service knows. Locally each dashboard id is a dashboard
 * of the report server; in AWS it is the QuickSight dashboard's id.
 */
export const defaultCatalogue = new ReportCatalogue([
  {
    reportId: 'campus-overview',
    title: 'Campus overview',
    dashboardId: 'campus-overview',
    version: '1',
    scope: 'school',
    public: true,
    parameters: [school],
    expectedVisuals: 4,
  },
  {
    reportId: 'trends',
    title: 'Trends',
    dashboardId: 'trends',
    version: '1',
    scope: 'school',
    public: true,
    parameters: [
      school,
      {
        name: 'Measure',
        source: 'filter',
        filterKey: 'measure',
        multiValue: true,
        allowAll: true,
      },
      {
        name: 'Year',
        source: 'filter',
        filterKey: 'year',
        multiValue: false,
        allowAll: true,
      },
    ],
    expectedVisuals: 3,
  },
  {
    reportId: 'region-summary',
    title: 'Region summary',
    dashboardId: 'region-summary',
    version: '1',
    scope: 'region',
    public: true,
    parameters: [region],
    expectedVisuals: 3,
  },
  {
    // Always fails on the report server: proves that failures end FAILED.
    reportId: 'broken',
    title: 'Broken',
    dashboardId: 'broken',
    version: '1',
    scope: 'school',
    public: false,
    parameters: [school],
    expectedVisuals: 2,
  },
]);
