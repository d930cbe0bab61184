import {
  InvalidRequestError,
  type CanonicalRequest,
  type RequestIssue,
} from '@snapshots/snapshot-keys';
import type { ReportDefinition } from './report-definition';
import { allValues } from './report-parameters';

/**
 * Checks that a canonical request fits its report: the scope the report
 * needs is given, and nothing is given that the report would ignore. An
 * ignored field would make a second snapshot id for the same picture.
 *
 * @throws InvalidRequestError listing every misfit with its field path.
 */
export function checkRequestFitsReport(
  report: ReportDefinition,
  request: CanonicalRequest,
): void {
  const issues = [
    ...scopeIssues(report, request),
    ...filterIssues(report, request),
  ];
  if (issues.length > 0) throw new InvalidRequestError(issues);
}

function scopeIssues(
  report: ReportDefinition,
  request: CanonicalRequest,
): RequestIssue[] {
  const issues: RequestIssue[] = [];
  for (const source of ['school', 'region'] as const) {
    const used = report.parameters.some((p) => p.source === source);
    if (report.scope === source && request[source] === null) {
      issues.push({
        path: source,
        message: `is required by the ${source} report ${report.reportId}`,
      });
    } else if (!used && request[source] !== null) {
      issues.push({
        path: source,
        message: `is not used by report ${report.reportId}`,
      });
    }
  }
  return issues;
}

function filterIssues(
  report: ReportDefinition,
  request: CanonicalRequest,
): RequestIssue[] {
  const issues: RequestIssue[] = [];
  for (const [key, values] of Object.entries(request.filters)) {
    const parameter = report.parameters.find(
      (p) => p.source === 'filter' && p.filterKey === key,
    );
    const path = `filters.${key}`;
    if (!parameter) {
      issues.push({
        path,
        message: `is not a filter of report ${report.reportId}`,
      });
    } else if (!parameter.multiValue && values.length > 1) {
      issues.push({ path, message: 'takes a single value' });
    } else if (values.includes(allValues)) {
      // One spelling per meaning: "all" is said by leaving the filter out.
      issues.push({
        path,
        message: `leave the filter out to mean ${allValues}`,
      });
    }
  }
  return issues;
}
