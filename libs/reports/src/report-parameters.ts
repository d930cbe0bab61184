import type { CanonicalRequest } from '@snapshots/snapshot-keys';
import type { ReportDefinition, ReportParameter } from './report-definition';

/** The value QuickSight reads as "no restriction". */
export const allValues = '[ALL]';

/**
 * The dashboard parameters for a canonical request, in the report's
 * parameter order. A parameter the request leaves out is sent as `[ALL]`
 * when the dashboard accepts that, and not sent otherwise.
 *
 * @example
 * reportParameters(trends, parseSnapshotRequest({ reportId: 'trends',
 *   school: 's-00001', filters: { measure: ['attendance'] } }));
 * // { School: ['s-00001'], Measure: ['attendance'], Year: ['[ALL]'] }
 */
export function reportParameters(
  report: ReportDefinition,
  request: CanonicalRequest,
): Record<string, string[]> {
  const parameters: Record<string, string[]> = {};
  for (const parameter of report.parameters) {
    const values = requestedValues(parameter, request);
    if (values.length > 0) parameters[parameter.name] = values;
    else if (parameter.allowAll) parameters[parameter.name] = [allValues];
  }
  return parameters;
}

function requestedValues(
  parameter: ReportParameter,
  request: CanonicalRequest,
): string[] {
  switch (parameter.source) {
    case 'school':
      return request.school === null ? [] : [request.school];
    case 'region':
      return request.region === null ? [] : [request.region];
    case 'filter':
      return request.filters[parameter.filterKey ?? ''] ?? [];
  }
}
