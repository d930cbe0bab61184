import fc from 'fast-check';
import {
  parseSnapshotRequest,
  snapshotIdentity,
  type CanonicalRequest,
  type ReportRevision,
} from '.';

/** What a request means, written without any of its spellings. */
interface Meaning {
  reportId: string;
  school: string | null;
  region: string | null;
  filters: Map<string, Set<string>>;
  format: 'png' | 'pdf';
  revision: ReportRevision;
}

// Small domains make equal and nearly equal meanings common, so both
// directions of "same meaning iff same id" are exercised.
const meaning = (domain: {
  reports: fc.Arbitrary<string>;
  ids: fc.Arbitrary<string>;
  names: fc.Arbitrary<string>;
  values: fc.Arbitrary<string>;
  revisions: fc.Arbitrary<string>;
}): fc.Arbitrary<Meaning> =>
  fc.record({
    reportId: domain.reports,
    school: fc.option(domain.ids, { nil: null }),
    region: fc.option(domain.ids, { nil: null }),
    filters: fc
      .array(
        fc.tuple(
          domain.names,
          fc.uniqueArray(domain.values, { minLength: 1, maxLength: 4 }),
        ),
        { maxLength: 4 },
      )
      .map(
        (entries) =>
          new Map(entries.map(([name, values]) => [name, new Set(values)])),
      ),
    format: fc.constantFrom('png' as const, 'pdf' as const),
    revision: fc.record({
      version: domain.revisions,
      dataEpoch: domain.revisions,
    }),
  });

const narrow = meaning({
  reports: fc.constantFrom('trends', 'campus-overview'),
  ids: fc.constantFrom('s-1', 's-2', 'r-1'),
  names: fc.constantFrom('year', 'measure', 'Year'),
  values: fc.constantFrom('a', 'b', 'A', 'a b', 'é'),
  revisions: fc.constantFrom('1', '2'),
});

const visible = /^[^\p{Cc}\p{Cf}\p{Cs}]+$/u;
const wide = meaning({
  reports: fc.stringMatching(/^[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}$/),
  ids: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,12}$/),
  names: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,12}$/),
  values: fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 12 })
    .map((value) => value.trim().normalize('NFC'))
    .filter((value) => value.length > 0 && visible.test(value)),
  revisions: fc.string({ maxLength: 12 }),
});

const padding = fc.constantFrom('', ' ', '\t', '\n ', '\u00a0');

/** One of the many ways a caller may write a meaning. */
const spelling = (m: Meaning): fc.Arbitrary<unknown> =>
  fc
    .record({
      pads: fc.array(fc.tuple(padding, padding), {
        minLength: 64,
        maxLength: 64,
      }),
      order: fc.shuffledSubarray([...m.filters.keys()], {
        minLength: m.filters.size,
      }),
      repeats: fc.array(fc.nat(3), { minLength: 16, maxLength: 16 }),
      seed: fc.nat(),
      loneAsString: fc.boolean(),
      decompose: fc.boolean(),
      formatWritten: fc.boolean(),
    })
    .map((how) => {
      let pad = 0;
      const padded = (text: string) => {
        const [before, after] = how.pads[pad++ % how.pads.length] ?? ['', ''];
        return before + text + after;
      };

      const filters: Record<string, string | string[]> = {};
      how.order.forEach((name, index) => {
        const values = [...(m.filters.get(name) ?? [])].flatMap((value, i) =>
          Array.from(
            { length: 1 + (how.repeats[(index * 4 + i) % 16] ?? 0) },
            () => value,
          ),
        );
        const shuffled = shuffle(values, how.seed + index).map((value) =>
          padded(how.decompose ? value.normalize('NFD') : value),
        );
        filters[name] =
          how.loneAsString && shuffled.length === 1
            ? (shuffled[0] ?? '')
            : shuffled;
      });

      return {
        reportId: padded(m.reportId),
        ...(m.school !== null && { school: padded(m.school) }),
        ...(m.region !== null && { region: padded(m.region) }),
        ...(how.order.length > 0 || how.formatWritten ? { filters } : {}),
        ...((m.format === 'pdf' || how.formatWritten) && {
          format: padded(m.format),
        }),
      };
    });

function shuffle<T>(items: T[], seed: number): T[] {
  const copy = [...items];
  let state = seed || 1;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 48271) % 2147483647;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

function sameMeaning(a: Meaning, b: Meaning): boolean {
  const filters = (m: Meaning) =>
    JSON.stringify(
      [...m.filters.entries()]
        .map(([name, values]) => [name, [...values].sort()] as const)
        .sort(([x], [y]) => (x < y ? -1 : 1)),
    );
  return (
    a.reportId === b.reportId &&
    a.school === b.school &&
    a.region === b.region &&
    a.format === b.format &&
    a.revision.version === b.revision.version &&
    a.revision.dataEpoch === b.revision.dataEpoch &&
    filters(a) === filters(b)
  );
}

const idOf = (request: unknown, revision: ReportRevision) =>
  snapshotIdentity(parseSnapshotRequest(request), revision).snapshotId;

const withSpellings = (m: fc.Arbitrary<Meaning>) =>
  m.chain((it) => fc.tuple(fc.constant(it), spelling(it), spelling(it)));

describe('snapshotIdentity', () => {
  it('gives every spelling of one meaning the same id', () => {
    for (const meanings of [narrow, wide]) {
      fc.assert(
        fc.property(withSpellings(meanings), ([m, first, second]) => {
          expect(idOf(first, m.revision)).toBe(idOf(second, m.revision));
        }),
        { numRuns: 300 },
      );
    }
  });

  it('gives the same id exactly when the meaning is the same', () => {
    const pair = fc.tuple(withSpellings(narrow), withSpellings(narrow));

    fc.assert(
      fc.property(pair, ([[a, spelledA], [b, spelledB]]) => {
        const same = idOf(spelledA, a.revision) === idOf(spelledB, b.revision);
        expect(same).toBe(sameMeaning(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives another id when any one part of the meaning changes', () => {
    const change = fc.constantFrom(
      'reportId',
      'school',
      'region',
      'format',
      'version',
      'dataEpoch',
      'add value',
      'drop value',
      'rename filter',
      'move value',
    );

    fc.assert(
      fc.property(wide, change, fc.string({ minLength: 1 }), (m, what, x) => {
        const before = toCanonical(m);
        const after = changed(before, what, x.trim() || 'x');
        const revisionAfter = {
          version: m.revision.version + (what === 'version' ? x : ''),
          dataEpoch: m.revision.dataEpoch + (what === 'dataEpoch' ? x : ''),
        };
        fc.pre(
          JSON.stringify(after) !== JSON.stringify(before) ||
            what === 'version' ||
            what === 'dataEpoch',
        );

        expect(snapshotIdentity(after, revisionAfter).snapshotId).not.toBe(
          snapshotIdentity(before, m.revision).snapshotId,
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps the id and the key to a fixed, safe alphabet', () => {
    const anything = fc.string({ unit: 'binary', maxLength: 40 });
    const request = fc.record({
      reportId: anything,
      school: fc.option(anything, { nil: null }),
      region: fc.option(anything, { nil: null }),
      filters: fc.dictionary(anything, fc.array(anything)),
      format: fc.constantFrom('png' as const, 'pdf' as const),
    });

    fc.assert(
      fc.property(request, anything, (canonical, epoch) => {
        const identity = snapshotIdentity(canonical, {
          version: '1',
          dataEpoch: epoch,
        });
        const segments = identity.objectKey.split('/');

        expect(identity.snapshotId).toMatch(/^snp_[a-z2-7]{32}$/);
        expect(identity.objectKey).toMatch(
          /^snapshots\/[A-Za-z0-9_-]{1,64}\/(all|school-[A-Za-z0-9_-]{1,64}|region-[A-Za-z0-9_-]{1,64})\/snp_[a-z2-7]{32}\.(png|pdf)$/,
        );
        for (const segment of segments) {
          expect(encodeURIComponent(segment)).toBe(segment);
          expect(['', '.', '..']).not.toContain(segment);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('files a snapshot under its report and scope', () => {
    const revision = { version: '2', dataEpoch: '2024-06-01' };
    const school = parseSnapshotRequest({
      reportId: 'campus-overview',
      school: 's-00042',
      region: 'r-003',
    });
    const region = parseSnapshotRequest({
      reportId: 'region-summary',
      region: 'r-003',
      format: 'pdf',
    });
    const all = parseSnapshotRequest({ reportId: 'trends' });

    const schoolKey = snapshotIdentity(school, revision);
    expect(schoolKey.objectKey).toBe(
      `snapshots/campus-overview/school-s-00042/${schoolKey.snapshotId}.png`,
    );
    expect(snapshotIdentity(region, revision).objectKey).toMatch(
      /^snapshots\/region-summary\/region-r-003\/snp_\w+\.pdf$/,
    );
    expect(snapshotIdentity(all, revision).objectKey).toMatch(
      /^snapshots\/trends\/all\/snp_\w+\.png$/,
    );
  });

  it('never strays outside the key layout for hostile ids', () => {
    const identity = snapshotIdentity(
      {
        reportId: '../../etc',
        school: '/passwd?x=1#frag',
        region: null,
        filters: {},
        format: 'png',
      },
      { version: '1', dataEpoch: 'e' },
    );

    expect(identity.objectKey).toMatch(
      /^snapshots\/_etc\/school-_passwd_x_1_frag\/snp_[a-z2-7]{32}\.png$/,
    );
  });
});

function toCanonical(m: Meaning): CanonicalRequest {
  const names = [...m.filters.keys()].sort((a, b) => (a < b ? -1 : 1));
  return {
    reportId: m.reportId,
    school: m.school,
    region: m.region,
    filters: Object.fromEntries(
      names.map((name) => [
        name,
        [...(m.filters.get(name) ?? [])].sort((a, b) => (a < b ? -1 : 1)),
      ]),
    ),
    format: m.format,
  };
}

function changed(
  request: CanonicalRequest,
  what: string,
  x: string,
): CanonicalRequest {
  const next = structuredClone(request);
  const [name] = Object.keys(next.filters);
  const values = name === undefined ? undefined : next.filters[name];
  switch (what) {
    case 'reportId':
      next.reportId += '-x';
      break;
    case 'school':
      next.school = next.school === null ? x : null;
      break;
    case 'region':
      next.region = next.region === null ? x : next.region + x;
      break;
    case 'format':
      next.format = next.format === 'png' ? 'pdf' : 'png';
      break;
    case 'add value':
      if (values && !values.includes(x)) values.push(x);
      else if (!values) next.filters.extra = [x];
      break;
    case 'drop value':
      if (values && name !== undefined) {
        values.pop();
        if (values.length === 0) delete next.filters[name];
      }
      break;
    case 'rename filter':
      if (name !== undefined && values && !(`${name}x` in next.filters)) {
        delete next.filters[name];
        next.filters[`${name}x`] = values;
      }
      break;
    case 'move value':
      // The same value under another filter means another thing.
      if (name !== undefined && values && values.length > 0) {
        const moved = values.pop() as string;
        if (values.length === 0) delete next.filters[name];
        next.filters.other = [...(next.filters.other ?? []), moved];
      }
      break;
  }
  return next;
}
