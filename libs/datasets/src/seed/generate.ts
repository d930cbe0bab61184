import type {
  AssessmentResultRow,
  AttendanceRow,
  EnrolmentRow,
  RegionRow,
  SchoolKind,
  SchoolRow,
} from '../models';
import { regionName, schoolName } from './names';
import { createRandom, type Random } from './random';

/** What to generate; every value is already checked. */
export interface SeedPlan {
  campuses: number;
  regions: number;
  years: number[];
  seed: number;
}

/** The rows for one slice of campuses, inserted together. */
export interface CampusBatch {
  schools: SchoolRow[];
  enrolments: EnrolmentRow[];
  attendance: AttendanceRow[];
  assessments: AssessmentResultRow[];
}

/** `s-00001`: five digits, growing to six only for the 100,000th. */
export function schoolIdOf(index: number): string {
  return `s-${String(index).padStart(5, '0')}`;
}

export function regionIdOf(index: number): string {
  return `r-${String(index).padStart(3, '0')}`;
}

export function generateRegions(plan: SeedPlan): RegionRow[] {
  return Array.from({ length: plan.regions }, (_, i) => ({
    regionId: regionIdOf(i + 1),
    name: regionName(i),
  }));
}

/**
 * Yields campuses in id order, `batchSize` at a time. One random stream
 * runs through all campuses in order, so the data does not depend on the
 * batch size.
 */
export function* generateCampusBatches(
  plan: SeedPlan,
  batchSize: number,
): Generator<CampusBatch> {
  const random = createRandom(plan.seed);
  let batch = emptyBatch();

  for (let index = 1; index <= plan.campuses; index += 1) {
    const regionIndex = Math.floor(
      ((index - 1) * plan.regions) / plan.campuses,
    );
    addCampus(batch, random, plan, index, regionIdOf(regionIndex + 1));
    if (batch.schools.length === batchSize) {
      yield batch;
      batch = emptyBatch();
    }
  }
  if (batch.schools.length > 0) yield batch;
}

function emptyBatch(): CampusBatch {
  return { schools: [], enrolments: [], attendance: [], assessments: [] };
}

const scoreLevel: Record<SchoolKind, number> = {
  primary: 490,
  secondary: 565,
  combined: 525,
};

function addCampus(
  batch: CampusBatch,
  random: Random,
  plan: SeedPlan,
  index: number,
  regionId: string,
): void {
  const schoolId = schoolIdOf(index);
  const kind = pickKind(random);
  batch.schools.push({
    schoolId,
    regionId,
    kind,
    name: schoolName(random.pick, kind),
  });

  const size = baseEnrolment(random, kind);
  const growth = random.between(-0.04, 0.05);
  const usualAttendance = random.between(86, 95);
  const ability = random.normal() * 1.7;
  const lastYear = plan.years[plan.years.length - 1] ?? 0;

  plan.years.forEach((year, step) => {
    const students = size * (1 + growth) ** step * (1 + 0.03 * random.normal());
    batch.enrolments.push({
      schoolId,
      year,
      students: Math.max(20, Math.round(students)),
    });

    // A system-wide dip two years back gives the trend charts a shape.
    const dip = year === lastYear - 2 ? 3 : 0;
    const rate = usualAttendance - dip + 1.2 * random.normal();
    batch.attendance.push({
      schoolId,
      year,
      rate: round(clamp(rate, 70, 99.5), 2),
    });

    for (const domain of ['reading', 'numeracy'] as const) {
      const mean =
        scoreLevel[kind] + 35 * ability + 8 * random.normal() + 1.5 * step;
      const proficient =
        100 / (1 + Math.exp(-(mean - scoreLevel[kind] + 12) / 28));
      batch.assessments.push({
        schoolId,
        year,
        domain,
        meanScore: round(mean, 1),
        proficientPct: round(clamp(proficient, 5, 98), 2),
      });
    }
  });
}

function pickKind(random: Random): SchoolKind {
  const draw = random.next();
  if (draw < 0.65) return 'primary';
  return draw < 0.9 ? 'secondary' : 'combined';
}

function baseEnrolment(random: Random, kind: SchoolKind): number {
  switch (kind) {
    case 'primary':
      return random.int(120, 720);
    case 'secondary':
      return random.int(350, 1450);
    case 'combined':
      return random.int(80, 600);
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
