import { InvalidBatchInputError } from './batch-error';
import { parseBatchInput, schoolsBytesLimit } from './batch-input';

/** `count` distinct school ids of `length` characters each. */
function schoolIds(count: number, length: number): string[] {
  return Array.from(
    { length: count },
    (_, i) => `s-${String(i).padStart(length - 2, '0')}`,
  );
}

describe('parseBatchInput: the schools subset', () => {
  it('takes ten thousand ids of the usual form', () => {
    const schools = schoolIds(10_000, 7);

    const settings = parseBatchInput({ reportId: 'campus-overview', schools });

    expect(settings.schools).toHaveLength(10_000);
  });

  it('refuses a subset too large for the batch state, naming the limit', () => {
    // 10,000 ids of 100 characters: about 1 MB, four times the whole state.
    const schools = schoolIds(10_000, 100);

    const parse = () =>
      parseBatchInput({ reportId: 'campus-overview', schools });

    expect(parse).toThrow(InvalidBatchInputError);
    expect(parse).toThrow(
      new RegExp(
        `^invalid batch input: schools takes \\d+ bytes .*` +
          `${schoolsBytesLimit} allowed.*256 KB`,
      ),
    );
  });

  it('draws the line at the limit itself', () => {
    // Each id of 98 characters takes 101 bytes with its quotes and comma.
    const fitting = Math.floor((schoolsBytesLimit - 1) / 101);
    const schools = schoolIds(fitting, 98);
    const bytes = Buffer.byteLength(JSON.stringify(schools));

    expect(bytes).toBeLessThanOrEqual(schoolsBytesLimit);
    expect(() =>
      parseBatchInput({ reportId: 'campus-overview', schools }),
    ).not.toThrow();
    expect(() =>
      parseBatchInput({
        reportId: 'campus-overview',
        schools: schoolIds(fitting + 1, 98),
      }),
    ).toThrow(/schools takes/);
  });
});
