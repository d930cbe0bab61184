import type { ReportDefinition } from './report-definition';
import { CatalogueDefinitionError, UnknownReportError } from './report-error';

/**
 * The reports that can be snapshotted. Built once; a definition that
 * contradicts itself stops start-up instead of failing a render later.
 */
export class ReportCatalogue {
  readonly #reports: ReadonlyMap<string, ReportDefinition>;

  constructor(reports: readonly ReportDefinition[]) {
    const byId = new Map<string, ReportDefinition>();
    for (const report of reports) {
      checkDefinition(report);
      if (byId.has(report.reportId)) {
        throw new CatalogueDefinitionError(
          `report ${report.reportId} is defined twice`,
        );
      }
      byId.set(report.reportId, report);
    }
    this.#reports = byId;
  }

  get(reportId: string): ReportDefinition | undefined {
    return this.#reports.get(reportId);
  }

  /** @throws UnknownReportError when the catalogue has no such report. */
  require(reportId: string): ReportDefinition {
    const report = this.get(reportId);
    if (!report) throw new UnknownReportError(reportId);
    return report;
  }

  list(): ReportDefinition[] {
    return [...this.#reports.values()];
  }
}

function checkDefinition(report: ReportDefinition): void {
  const problem = (text: string) =>
    new CatalogueDefinitionError(`report ${report.reportId}: ${text}`);

  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(report.reportId)) {
    throw problem('the id must be a slug');
  }
  if (!report.parameters.some((p) => p.source === report.scope)) {
    throw problem(`a ${report.scope} report needs a ${report.scope} parameter`);
  }
  const names = new Set<string>();
  for (const parameter of report.parameters) {
    if (names.has(parameter.name)) {
      throw problem(`parameter ${parameter.name} is defined twice`);
    }
    names.add(parameter.name);
    if (
      (parameter.source === 'filter') !==
      (parameter.filterKey !== undefined)
    ) {
      throw problem(
        `parameter ${parameter.name} needs a filterKey exactly when its source is filter`,
      );
    }
  }
}
