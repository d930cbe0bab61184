import type { VisualKind } from './dashboards/dashboard';
import type { Fault } from './faults';

/**
 * What the server tells the page about itself, as JSON in the HTML. Shared
 * by the server and the page bundle, so types only.
 */
export interface PageConfig {
  dashboardId: string;
  title: string;
  visuals: { visualId: string; title: string; kind: VisualKind }[];
  fault?: Fault;
  /** Embed sessions only: the token the data requests carry. */
  session?: { token: string; expiresInMs: number };
  /** An error page: what to tell the host. */
  error?: { errorCode: string; message: string };
}
