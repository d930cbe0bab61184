import { generateCampusBatches, schoolIdOf, type SeedPlan } from './generate';

const plan: SeedPlan = {
  campuses: 50,
  regions: 4,
  years: [2023, 2024],
  seed: 5,
};

const all = (batchSize: number, seed = plan.seed) => [
  ...generateCampusBatches({ ...plan, seed }, batchSize),
];

describe('generateCampusBatches', () => {
  it('yields the same campuses whatever the batch size', () => {
    const small = all(7).flatMap((b) => b.assessments);
    const large = all(50).flatMap((b) => b.assessments);

    expect(small).toEqual(large);
    expect(all(7)).toHaveLength(8);
  });

  it('yields other data for another seed', () => {
    const names = (seed: number) =>
      all(50, seed).flatMap((b) => b.schools.map((s) => s.name));

    expect(names(6)).not.toEqual(names(5));
  });

  it('spreads campuses over every region in id order', () => {
    const schools = all(50).flatMap((b) => b.schools);
    const regions = schools.map((s) => s.regionId);

    expect(new Set(regions)).toEqual(
      new Set(['r-001', 'r-002', 'r-003', 'r-004']),
    );
    expect([...regions].sort()).toEqual(regions);
  });
});

describe('schoolIdOf', () => {
  it('pads to five digits and grows past them', () => {
    expect(schoolIdOf(1)).toBe('s-00001');
    expect(schoolIdOf(100_000)).toBe('s-100000');
  });
});
