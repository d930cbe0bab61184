export {
  startReportServer,
  type ReportServerOptions,
  type RunningReportServer,
} from './start-report-server';
export { dashboards, faultTarget } from './dashboards/definitions';
export type {
  DashboardDefinition,
  ParameterDefinition,
  VisualDefinition,
} from './dashboards/dashboard';
export { faults, slowFaultMs, type Fault } from './faults';
export {
  ReportServerError,
  RequestError,
  type ReportErrorCode,
} from './report-server-error';
export {
  formatFragment,
  parseFragment,
  type ParameterValues,
} from './parameters/fragment';
