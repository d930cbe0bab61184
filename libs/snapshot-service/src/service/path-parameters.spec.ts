import { InvalidInputError } from '../service-error';
import { parseReportId, parseSnapshotId } from './path-parameters';

describe('path parameters', () => {
  it('accepts report slugs and snapshot ids', () => {
    expect(parseReportId('campus-overview')).toBe('campus-overview');
    expect(parseSnapshotId('snp_abcdefghijklmnopqrstuvwxyz234567')).toBe(
      'snp_abcdefghijklmnopqrstuvwxyz234567',
    );
  });

  it.each([undefined, '', 'Campus', '-a', 'a--b', 'a/b', 'a'.repeat(65)])(
    'refuses the report id %p',
    (value) => {
      expect(() => parseReportId(value)).toThrow(InvalidInputError);
    },
  );

  it.each([undefined, '', 'snp_', 'abc', 'snp_a-b', 'snp_a b', 'snp_é'])(
    'refuses the snapshot id %p',
    (value) => {
      expect(() => parseSnapshotId(value)).toThrow(InvalidInputError);
    },
  );
});
