/** What a caller learns about a snapshot. */
export type SnapshotView =
  | { status: 'READY'; snapshotId: string; url: string; expiresAt: string }
  | {
      status: 'PENDING' | 'RENDERING';
      snapshotId: string;
      retryAfterSeconds: number;
    }
  | { status: 'FAILED'; snapshotId: string; reason: string };
