export {
  CapturePool,
  type CaptureOptions,
  type CapturePoolOptions,
  type CapturePoolStats,
} from './capture-pool';
export type { CaptureResult } from './capture-attempt';
export type { CaptureJob, PdfOptions, PngOptions } from './capture-job';
export {
  assertNotBlank,
  dominantColourShare,
  DEFAULT_BLANK_THRESHOLD,
} from './blank-image';
export { DEFAULT_CHROME_PATH, resolveChromePath } from './launch-browser';
export {
  BlankCaptureError,
  BrowserCrashedError,
  BrowserLaunchError,
  BrowserNotFoundError,
  CaptureAbortedError,
  CaptureError,
  CapturePoolClosedError,
  CaptureTimeoutError,
  IncompleteCaptureError,
  InvalidCaptureJobError,
  ReportRenderError,
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
