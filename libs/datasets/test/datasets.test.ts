import {
  DatasetsUnavailableError,
  InvalidDatasetsInputError,
  openDatasets,
  type Datasets,
} from '../src';
import { datasetsTargets } from './datasets-targets';

const targets = datasetsTargets();

describe.each(targets)('datasets on $name', ({ url }) => {
  let datasets: Datasets;

  beforeAll(async () => {
    datasets = await openDatasets(url, { createDatabase: true });
    await datasets.seed({ campuses: 24, seed: 7 });
  });

  afterAll(async () => {
    await datasets?.close();
  });

  it('seeds the demo size: 24 campuses over 4 regions, five years', async () => {
    const regions = await datasets.findRegions();

    expect(regions.map((r) => r.regionId)).toEqual([
      'r-001',
      'r-002',
      'r-003',
      'r-004',
    ]);
    expect(regions.map((r) => r.campuses)).toEqual([6, 6, 6, 6]);
    expect(await datasets.years()).toEqual([2020, 2021, 2022, 2023, 2024]);
  });

  it('walks every campus once by key, page after page', async () => {
    const seen: string[] = [];
    let page = await datasets.listCampuses({ limit: 5 });
    while (page.length > 0) {
      seen.push(...page.map((campus) => campus.schoolId));
      const last = page[page.length - 1]?.schoolId;
      page = await datasets.listCampuses({ limit: 5, afterSchoolId: last });
    }

    expect(seen).toHaveLength(24);
    expect(new Set(seen).size).toBe(24);
    expect(seen[0]).toBe('s-00001');
    expect([...seen].sort()).toEqual(seen);
  });

  it('hands out plain numbers, DECIMAL columns included', async () => {
    const [year] = await datasets.yearlySummary({ schools: ['s-00003'] });
    const { rows } = await datasets.campusMeasures(
      { regions: ['r-002'] },
      { year: 2024 },
    );

    expect(year).toBeDefined();
    for (const value of Object.values(year ?? {})) {
      expect(typeof value).toBe('number');
    }
    for (const key of ['attendanceRate', 'readingMean', 'enrolment'] as const) {
      expect(typeof rows[0]?.[key]).toBe('number');
    }
  });

  it('aggregates a region from its campuses', async () => {
    const { rows, total } = await datasets.campusMeasures(
      { regions: ['r-003'] },
      { year: 2023, limit: 100 },
    );
    const summary = await datasets.yearlySummary(
      { regions: ['r-003'] },
      { toYear: 2023 },
    );
    const latest = summary[summary.length - 1];

    expect(total).toBe(6);
    expect(summary.map((s) => s.year)).toEqual([2020, 2021, 2022, 2023]);
    expect(latest?.campuses).toBe(6);
    expect(latest?.enrolment).toBe(
      rows.reduce((sum, row) => sum + row.enrolment, 0),
    );
    expect(latest?.readingMean).toBeCloseTo(
      rows.reduce((sum, row) => sum + row.readingMean, 0) / rows.length,
      1,
    );
  });

  it('gives two schools different numbers', async () => {
    const [first] = await datasets.yearlySummary({ schools: ['s-00001'] });
    const [second] = await datasets.yearlySummary({ schools: ['s-00002'] });

    expect(first?.enrolment).not.toBe(second?.enrolment);
  });

  it('orders campuses by enrolment, largest first', async () => {
    const { rows } = await datasets.campusMeasures(
      {},
      { year: 2024, orderBy: 'enrolment', limit: 24 },
    );
    const enrolments = rows.map((row) => row.enrolment);

    expect(rows).toHaveLength(24);
    expect(enrolments).toEqual([...enrolments].sort((a, b) => b - a));
  });

  it('moves the data epoch on a refresh, and only then', async () => {
    const before = await datasets.dataEpoch();
    const again = await datasets.dataEpoch();
    const after = await datasets.recordRefresh('nightly load');

    expect(again).toBe(before);
    expect(after).not.toBe(before);
    expect(await datasets.dataEpoch()).toBe(after);
  });

  it('rejects bad input with the field that is wrong', async () => {
    await expect(datasets.listCampuses({ limit: 0 })).rejects.toThrow(
      InvalidDatasetsInputError,
    );
    await expect(datasets.seed({ campuses: 100_001 })).rejects.toMatchObject({
      name: 'InvalidDatasetsInputError',
      issues: [expect.objectContaining({ path: 'campuses' })],
    });
  });

  it('seeds across several insert batches, and reseeding replaces', async () => {
    const summary = await datasets.seed({ campuses: 1_234, seed: 3 });
    const last = await datasets.listCampuses({
      limit: 1,
      afterSchoolId: 's-01233',
    });

    expect(summary.rows).toEqual({
      regions: 200,
      schools: 1_234,
      enrolments: 6_170,
      attendance: 6_170,
      assessmentResults: 12_340,
    });
    expect(last.map((c) => c.schoolId)).toEqual(['s-01234']);

    await datasets.seed({ campuses: 24, seed: 7 });
    expect(await datasets.findRegions()).toHaveLength(4);
  });
});

describe('datasets across databases', () => {
  const [sqlite, mysql] = targets;
  const itWithBoth = mysql ? it : it.skip;

  itWithBoth('loads the same data from the same seed on both', async () => {
    const a = await openDatasets(sqlite?.url, { createDatabase: true });
    const b = await openDatasets(mysql?.url, { createDatabase: true });
    try {
      await a.seed({ campuses: 30, seed: 11 });
      await b.seed({ campuses: 30, seed: 11 });

      expect(await b.findSchools(['s-00017'])).toEqual(
        await a.findSchools(['s-00017']),
      );
      const [fromA, fromB] = await Promise.all([
        a.yearlySummary({ regions: ['r-002'] }),
        b.yearlySummary({ regions: ['r-002'] }),
      ]);
      expect(fromB).toHaveLength(fromA.length);
      fromA.forEach((year, i) => {
        for (const [key, value] of Object.entries(year)) {
          expect(fromB[i]?.[key as keyof typeof year]).toBeCloseTo(
            value as number,
            1,
          );
        }
      });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe('opening datasets', () => {
  it('says which database it cannot reach', async () => {
    await expect(
      openDatasets('mysql://nobody@127.0.0.1:1/none'),
    ).rejects.toBeInstanceOf(DatasetsUnavailableError);
  });
});
