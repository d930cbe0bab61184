export type SnapshotFormat = 'png' | 'pdf';

/** A request for a snapshot as a caller writes it. */
export interface SnapshotRequest {
  reportId: string;
  school?: string;
  region?: string;
  filters?: Record<string, string | string[]>;
  format?: SnapshotFormat;
}

/**
 * The one way of writing a request: strings trimmed, the default format
 * written out, filter keys sorted, each filter's values unique and sorted.
 * Two requests that mean the same thing have equal canonical forms.
 */
export interface CanonicalRequest {
  reportId: string;
  school: string | null;
  region: string | null;
  filters: Record<string, string[]>;
  format: SnapshotFormat;
}
