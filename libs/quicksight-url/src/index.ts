export {
  ALL_VALUES,
  parameterFragment,
  parseParameterFragment,
  withParameterFragment,
  type ReportParameters,
} from './parameter-fragment';
export { HostAllowList } from './host-allow-list';
export type { EmbedUrlSource, EmbeddedDashboard } from './embed-url-source';
export {
  ReportServerUrls,
  type ReportServerUrlsOptions,
} from './report-server-urls';
export {
  QuickSightEmbedUrls,
  type AnonymousViewer,
  type QuickSightEmbedClient,
  type QuickSightEmbedUrlsOptions,
  type RegisteredViewer,
} from './quicksight-embed-urls';
export {
  sessionTagsFromParameters,
  type SessionTagsFor,
  type SessionTagsOptions,
} from './session-tags';
export {
  EmbedUrlError,
  HostNotAllowedError,
  InvalidOriginError,
  InvalidParameterError,
  QuickSightUrlError,
} from './quicksight-url-error';
