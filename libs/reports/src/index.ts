export type {
  ReportDefinition,
  ReportParameter,
  ReportScope,
} from './report-definition';
export {
  CatalogueDefinitionError,
  ReportError,
  UnknownReportError,
} from './report-error';
export { ReportCatalogue } from './report-catalogue';
export { defaultCatalogue } from './default-catalogue';
export { allValues, reportParameters } from './report-parameters';
export { checkRequestFitsReport } from './check-request';
