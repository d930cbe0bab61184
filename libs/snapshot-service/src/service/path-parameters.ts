import { InvalidInputError } from '../service-error';

const reportIdPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
// 'snp_' and a base32 digest; the exact length is the key library's
// business, the bound only keeps junk out of table reads and log lines.
const snapshotIdPattern = /^snp_[A-Za-z0-9]{1,100}$/;

/** The `{reportId}` of a path, as a slug. */
export function parseReportId(value: string | undefined): string {
  if (
    value === undefined ||
    value.length > 64 ||
    !reportIdPattern.test(value)
  ) {
    throw new InvalidInputError('INVALID_PATH', 'bad report id in the path', [
      { path: 'reportId', message: 'must be a slug like "campus-overview"' },
    ]);
  }
  return value;
}

/** The `{snapshotId}` of a path. */
export function parseSnapshotId(value: string | undefined): string {
  if (value === undefined || !snapshotIdPattern.test(value)) {
    throw new InvalidInputError('INVALID_PATH', 'bad snapshot id in the path', [
      { path: 'snapshotId', message: 'must look like "snp_…"' },
    ]);
  }
  return value;
}
