import type { SnapshotRecord, SnapshotStatus } from './snapshot-record';

/*
 * The conditions of the lifecycle, each written twice: as a DynamoDB
 * condition expression, which decides every write, and as a predicate on a
 * record that was read, which only explains a refused write or spares a
 * write that would be refused. Keep each pair in step.
 *
 * A comparison with an attribute the item lacks is false in DynamoDB, so a
 * record written before `deadline` existed is never overdue: it behaves as
 * it did then.
 */

// PENDING, or RENDERING under a lease that ran out: nobody is working on
// it right now, although someone may still take it up.
const unattended =
  '(#status = :pending OR (#status = :rendering AND #leaseExpiresAt <= :now))';

export const conditions = {
  absent: 'attribute_not_exists(#snapshotId)',
  pending: '#status = :pending',
  leaseRanOut: '#status = :rendering AND #leaseExpiresAt <= :now',
  leaseHolder: '#status = :rendering AND #leaseOwner = :owner',
  /** What the next request may start over (raising the attempt). */
  resettable:
    '#status = :failed' +
    ' OR (#status = :rendering AND #leaseExpiresAt <= :now)' +
    ' OR (#status = :pending AND #deadline <= :now)',
  /** Past its deadline with nobody at work on it: it may end FAILED. */
  abandoned: `#deadline <= :now AND ${unattended}`,
  /** Still the attempt named, and nobody at work on it. */
  attemptUnattended: `#attempt = :attempt AND ${unattended}`,
};

export const statusValues = {
  ':pending': 'PENDING',
  ':rendering': 'RENDERING',
  ':ready': 'READY',
  ':failed': 'FAILED',
} satisfies Record<string, SnapshotStatus>;

export function leaseRanOut(record: SnapshotRecord, now: number): boolean {
  return (
    record.status === 'RENDERING' &&
    record.leaseExpiresAt !== undefined &&
    record.leaseExpiresAt <= now
  );
}

function overdue(record: SnapshotRecord, now: number): boolean {
  return record.deadline !== undefined && record.deadline <= now;
}

function unattendedNow(record: SnapshotRecord, now: number): boolean {
  return record.status === 'PENDING' || leaseRanOut(record, now);
}

export function resettable(record: SnapshotRecord, now: number): boolean {
  return (
    record.status === 'FAILED' ||
    leaseRanOut(record, now) ||
    (record.status === 'PENDING' && overdue(record, now))
  );
}

export function abandoned(record: SnapshotRecord, now: number): boolean {
  return overdue(record, now) && unattendedNow(record, now);
}
