import type { Logger } from '@snapshots/logging';
import type { ReportDefinition } from '@snapshots/reports';
import type { CanonicalRequest } from '@snapshots/snapshot-keys';
import type {
  EnsureOutcome,
  SnapshotRecord,
  SnapshotStatus,
} from '@snapshots/snapshot-metadata';

/*
 * The narrow views of its collaborators that the batch needs. The real
 * classes (Datasets, SnapshotStore, CampusStore, BatchStore) satisfy them;
 * unit tests hand in small fakes.
 */

/** A campus as the core datasets list it. */
export interface CampusRow {
  schoolId: string;
  regionId: string;
  name: string;
}

/** Campuses from the core datasets. */
export interface CampusSource {
  /** Campuses in school id order, one keyset page at a time. */
  listCampuses(page: {
    limit: number;
    afterSchoolId?: string;
  }): Promise<CampusRow[]>;
  /** The named campuses that exist. */
  findSchools(schoolIds: string[]): Promise<CampusRow[]>;
}

/** When the data behind the reports was last refreshed. */
export interface DataEpochSource {
  dataEpoch(): Promise<string>;
}

/**
 * Which public reports each campus gets, from the campus metadata.
 * A campus without metadata is absent from the map.
 */
export interface CampusDirectory {
  reportsOf(schoolIds: readonly string[]): Promise<Map<string, string[]>>;
}

export interface ReportLookup {
  get(reportId: string): ReportDefinition | undefined;
}

export interface EnsureInput {
  snapshotId: string;
  reportId: string;
  request: CanonicalRequest;
  reportVersion: string;
  dataEpoch: string;
  objectKey: string;
  batchId?: string;
  /** Epoch ms after which the work may be taken over or ended FAILED. */
  deadline?: number;
}

/** The snapshot metadata operations a batch performs. */
export interface SnapshotLedger {
  ensure(
    input: EnsureInput,
  ): Promise<{ record: SnapshotRecord; outcome: EnsureOutcome }>;
  countByBatch(batchId: string): Promise<Record<SnapshotStatus, number>>;
  listByBatch(
    batchId: string,
    page?: { limit?: number; cursor?: string },
  ): Promise<{ records: SnapshotRecord[]; cursor?: string }>;
  /**
   * Ends an attempt FAILED unless it was started over since, is READY or
   * FAILED already, or a worker holds a live lease on it (then it throws
   * the store's typed error).
   */
  markAttemptFailed(
    snapshotId: string,
    attempt: number,
    reason: string,
  ): Promise<SnapshotRecord>;
  get(
    snapshotId: string,
    options?: { consistent?: boolean },
  ): Promise<SnapshotRecord | undefined>;
}

/** The log calls the batch makes (a Powertools logger fits). */
export type BatchLogger = Pick<Logger, 'info' | 'warn' | 'error'>;
