export {
  CapturePool,
  type CaptureOptions,
  type CapturePoolOptions,
  type CapturePoolStats,
} from './capture-pool';
export type { CaptureResult } from './capture-attempt';
export type {
  CaptureJob,
  PdfOptions,
  PngOptions,
  ReportUrlProvider,
} from './capture-job';
export {
  DEFAULT_MEMORY_CEILING_MB,
  DEFAULT_RECYCLE_AFTER,
} from './pool-options';
export {
  assertNotBlank,
  dominantColourShare,
  DEFAULT_BLANK_THRESHOLD,
} from './blank-image';
export { DEFAULT_CHROME_PATH, resolveChromePath } from './launch-browser';
export { DEFAULT_HOST_ORIGIN } from './host-page';
export {
  BlankCaptureError,
  BrowserCrashedError,
  BrowserLaunchError,
  BrowserNotFoundError,
  BrowserProtocolError,
  CaptureAbortedError,
  CaptureError,
  CapturePoolClosedError,
  CaptureTimeoutError,
  IncompleteCaptureError,
  InvalidCaptureJobError,
  InvalidPoolOptionsError,
  ReportRenderError,
  ReportUrlError,
} from './capture-error';
export { HostNotAllowedError } from '@snapshots/quicksight-url';
export {
  runCaptureBenchmark,
  type CaptureBenchmarkOptions,
  type CaptureBenchmarkResults,
} from './benchmark/run-capture-benchmark';
export type { BenchmarkTarget } from './benchmark/benchmark-target';
export type { BenchmarkRun } from './benchmark/run-statistics';
export { formatBenchmark } from './benchmark/format-benchmark';
export { processTreeMemory, type TreeMemory } from './process-memory';
