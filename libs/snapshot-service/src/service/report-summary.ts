import type {
  ReportDefinition,
  ReportParameter,
  ReportScope,
} from '@snapshots/reports';

/** A report as `GET /reports` shows it. */
export interface ReportSummary {
  reportId: string;
  title: string;
  scope: ReportScope;
  formats: ('png' | 'pdf')[];
  parameters: Pick<
    ReportParameter,
    'name' | 'source' | 'filterKey' | 'multiValue' | 'allowAll'
  >[];
}

export function describeReport(report: ReportDefinition): ReportSummary {
  return {
    reportId: report.reportId,
    title: report.title,
    scope: report.scope,
    formats: ['png', 'pdf'],
    parameters: report.parameters.map((parameter) => ({
      name: parameter.name,
      source: parameter.source,
      ...(parameter.filterKey ? { filterKey: parameter.filterKey } : {}),
      multiValue: parameter.multiValue,
      allowAll: parameter.allowAll,
    })),
  };
}
