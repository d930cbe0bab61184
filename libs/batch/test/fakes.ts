import type { CanonicalRequest } from '@snapshots/snapshot-keys';
import {
  AlreadyReadyError,
  AttemptSupersededError,
  InvalidTransitionError,
  LeaseHeldError,
  type SnapshotRecord,
  type SnapshotStatus,
} from '@snapshots/snapshot-metadata';
import type {
  BatchLogger,
  CampusDirectory,
  CampusRow,
  CampusSource,
  EnsureInput,
  SnapshotLedger,
} from '../src/ports';

/** Campuses s-00001… in regions r-001…, `perRegion` campuses each. */
export function campusRows(count: number, perRegion = 10): CampusRow[] {
  return Array.from({ length: count }, (_, i) => ({
    schoolId: `s-${String(i + 1).padStart(5, '0')}`,
    regionId: `r-${String(Math.floor(i / perRegion) + 1).padStart(3, '0')}`,
    name: `Campus ${i + 1}`,
  }));
}

/** The datasets' campus list, in memory, with the same keyset paging. */
export function campusSource(rows: CampusRow[]): CampusSource & {
  pagesRead: number;
  epoch: string;
  dataEpoch(): Promise<string>;
} {
  const sorted = [...rows].sort((a, b) => (a.schoolId < b.schoolId ? -1 : 1));
  return {
    pagesRead: 0,
    epoch: 'r1@2024-06-01T00:00:00.000Z',
    dataEpoch() {
      return Promise.resolve(this.epoch);
    },
    listCampuses(page) {
      this.pagesRead++;
      const after = page.afterSchoolId;
      const rest =
        after === undefined ? sorted : sorted.filter((c) => c.schoolId > after);
      return Promise.resolve(rest.slice(0, page.limit));
    },
    findSchools(ids) {
      const wanted = new Set(ids);
      return Promise.resolve(sorted.filter((c) => wanted.has(c.schoolId)));
    },
  };
}

export function campusDirectory(
  reports: Record<string, string[]> = {},
): CampusDirectory {
  return {
    reportsOf: (ids) =>
      Promise.resolve(
        new Map(
          ids.flatMap((id) => {
            const listed = reports[id];
            return listed ? [[id, listed] as [string, string[]]] : [];
          }),
        ),
      ),
  };
}

/**
 * Snapshot metadata in memory with the lifecycle rules of the real store:
 * ensure creates, resets a FAILED snapshot, joins one in flight, and
 * reports one READY; an attempt is failed only while it is current and
 * nobody holds a live lease on it. Deadlines are kept, not enforced.
 */
export class MemoryLedger implements SnapshotLedger {
  readonly records = new Map<string, SnapshotRecord>();
  now = 1_000;

  ensure(input: EnsureInput) {
    const existing = this.records.get(input.snapshotId);
    if (existing?.status === 'READY') {
      return Promise.resolve({ record: existing, outcome: 'ready' as const });
    }
    if (existing && existing.status !== 'FAILED') {
      return Promise.resolve({ record: existing, outcome: 'joined' as const });
    }
    const record: SnapshotRecord = {
      ...input,
      status: 'PENDING',
      attempt: (existing?.attempt ?? 0) + 1,
      createdAt: existing?.createdAt ?? this.now,
      updatedAt: this.now,
    };
    this.records.set(input.snapshotId, record);
    return Promise.resolve({
      record,
      outcome: existing ? ('reset' as const) : ('created' as const),
    });
  }

  countByBatch(batchId: string) {
    const counts: Record<SnapshotStatus, number> = {
      PENDING: 0,
      RENDERING: 0,
      READY: 0,
      FAILED: 0,
    };
    for (const record of this.records.values()) {
      if (record.batchId === batchId) counts[record.status]++;
    }
    return Promise.resolve(counts);
  }

  listByBatch(batchId: string, page: { limit?: number; cursor?: string } = {}) {
    const all = [...this.records.values()]
      .filter((r) => r.batchId === batchId)
      .sort((a, b) => (a.snapshotId < b.snapshotId ? -1 : 1));
    const start = page.cursor ? Number(page.cursor) : 0;
    const end = start + (page.limit ?? 100);
    return Promise.resolve({
      records: all.slice(start, end),
      cursor: end < all.length ? String(end) : undefined,
    });
  }

  markAttemptFailed(snapshotId: string, attempt: number, reason: string) {
    const record = this.records.get(snapshotId);
    if (!record) return Promise.reject(new Error(`no ${snapshotId}`));
    const refusal = this.refusal(record, attempt);
    if (refusal) return Promise.reject(refusal);

    const { leaseOwner: _owner, leaseExpiresAt: _until, ...rest } = record;
    const failed = {
      ...rest,
      status: 'FAILED' as const,
      failureReason: reason,
      updatedAt: this.now,
    };
    this.records.set(snapshotId, failed);
    return Promise.resolve(failed);
  }

  private refusal(record: SnapshotRecord, attempt: number): Error | null {
    const id = record.snapshotId;
    if (record.status === 'READY') return new AlreadyReadyError(id, 'fail');
    if (record.attempt !== attempt) {
      return new AttemptSupersededError(id, attempt, record.attempt);
    }
    if (record.status === 'FAILED') {
      return new InvalidTransitionError(id, 'fail', record.status);
    }
    const until = record.leaseExpiresAt;
    if (
      record.status === 'RENDERING' &&
      (until === undefined || until > this.now)
    ) {
      return new LeaseHeldError(id, record.leaseOwner, until);
    }
    return null;
  }

  get(snapshotId: string) {
    return Promise.resolve(this.records.get(snapshotId));
  }

  /** Moves every record of a batch to a status, as workers would. */
  settle(batchId: string, status: SnapshotStatus, reason?: string): void {
    for (const [id, record] of this.records) {
      if (record.batchId !== batchId) continue;
      this.records.set(id, {
        ...record,
        status,
        ...(reason ? { failureReason: reason } : {}),
      });
    }
  }
}

export function silentLogger(): BatchLogger & {
  lines: { level: string; message: string; fields: unknown[] }[];
} {
  const lines: { level: string; message: string; fields: unknown[] }[] = [];
  const at =
    (level: string) =>
    (message: unknown, ...fields: unknown[]) => {
      lines.push({ level, message: String(message), fields });
    };
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

export function schoolRequest(
  reportId: string,
  school: string,
): CanonicalRequest {
  return { reportId, school, region: null, filters: {}, format: 'png' };
}

/** The value, or a failed expectation when there is none. */
export function must<T>(value: T | undefined | null): T {
  if (value === undefined || value === null) {
    throw new Error('expected a value');
  }
  return value;
}
