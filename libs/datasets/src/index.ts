export { openDatasets, type OpenDatasetsOptions } from './open-datasets';
export { createDatasets, type Datasets } from './datasets';
export { defaultDatasetsUrl, parseDatasetsUrl } from './connection-url';
export {
  DatasetsError,
  DatasetsQueryError,
  DatasetsUnavailableError,
  InvalidDatasetsInputError,
  InvalidDatasetsUrlError,
  redact as redactUrl,
} from './datasets-error';
export {
  assessmentDomains,
  schoolKinds,
  type AssessmentDomain,
  type DatasetModels,
  type RegionRow,
  type SchoolKind,
} from './models';
export type { CampusSelection } from './queries/selection';
export type { YearSummary } from './queries/yearly-summary';
export type {
  CampusMeasures,
  CampusMeasuresOptions,
} from './queries/campus-measures';
export type {
  CampusListing,
  CampusPage,
  RegionInfo,
  SchoolInfo,
} from './queries/catalogue';
export { emptyDataEpoch } from './queries/data-epoch';
export {
  maxCampuses,
  type SeedOptions,
  type SeedSummary,
} from './seed/seed-datasets';
export { schoolIdOf, regionIdOf } from './seed/generate';
