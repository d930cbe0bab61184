import { formatFragment, parseFragment } from './fragment';

describe('parseFragment', () => {
  it('reads repeated keys as a list and ignores other keys', () => {
    expect(
      parseFragment('#p.School=s-00001&p.School=s-00002&x=1&p.Region=r-001'),
    ).toEqual({ School: ['s-00001', 's-00002'], Region: ['r-001'] });
  });

  it('decodes values and keeps [ALL], escaped or not', () => {
    expect(parseFragment('p.Region=%5BALL%5D&p.Name=a%20b&p.X=[ALL]')).toEqual({
      Region: ['[ALL]'],
      Name: ['a b'],
      X: ['[ALL]'],
    });
  });

  it('keeps a malformed escape as typed instead of throwing', () => {
    expect(parseFragment('#p.School=%zz')).toEqual({ School: ['%zz'] });
  });

  it('reads what formatFragment writes', () => {
    const values = { Measure: ['a&b', '[ALL]'], School: ['s-00001'] };

    expect(parseFragment(formatFragment(values))).toEqual(values);
    expect(formatFragment(values)).toBe(
      '#p.Measure=a%26b&p.Measure=[ALL]&p.School=s-00001',
    );
  });
});
