import type {
  CampusSelection,
  Datasets,
  RegionInfo,
  SchoolInfo,
} from '@snapshots/datasets';
import { z } from 'zod';
import {
  measures,
  type DashboardDefinition,
  type Measure,
  type ParameterDefinition,
  type ParameterKind,
} from '../dashboards/dashboard';
import { RequestError } from '../report-server-error';
import { allValues, type ParameterValues } from './fragment';

/** A dashboard's parameters, checked and turned into what queries need. */
export interface ResolvedParameters {
  /** The values as given, for the page to show. */
  values: ParameterValues;
  selection: CampusSelection;
  /** The schools and regions named (not those under `[ALL]`). */
  schools: SchoolInfo[];
  regions: RegionInfo[];
  measures: Measure[];
  /** Last year shown; all years when absent. */
  toYear?: number;
}

const valueSchemas: Record<ParameterKind, z.ZodType<string>> = {
  school: z.string().regex(/^s-\d{5,6}$/, 'is not a school id (s-00001)'),
  region: z.string().regex(/^r-\d{3}$/, 'is not a region id (r-001)'),
  measure: z.enum(measures, {
    message: `is not one of ${measures.join(', ')}`,
  }),
  year: z.string().regex(/^\d{4}$/, 'is not a year'),
};

type Issue = { path: string; message: string };

/**
 * Checks `raw` against the dashboard's parameters and the datasets: value
 * shapes, lists where only one value is allowed, `[ALL]`, required ones,
 * and that the named schools, regions and year exist. Unknown names are
 * ignored, as QuickSight does. Throws an INVALID_PARAMETER RequestError
 * listing every problem.
 */
export async function resolveParameters(
  dashboard: DashboardDefinition,
  raw: ParameterValues,
  datasets: Datasets,
): Promise<ResolvedParameters> {
  const issues: Issue[] = [];
  const chosen = new Map<ParameterKind, string[] | 'all'>();
  for (const parameter of dashboard.parameters) {
    const value = checkShape(parameter, raw[parameter.name], issues);
    if (value !== undefined) chosen.set(parameter.kind, value);
  }
  throwIfAny(issues);

  const listed = (kind: ParameterKind) => {
    const value = chosen.get(kind);
    return value === 'all' ? undefined : value;
  };
  const schoolIds = listed('school');
  const regionIds = listed('region');
  const year = listed('year')?.[0];

  const [schools, regions, years] = await Promise.all([
    schoolIds ? datasets.findSchools(schoolIds) : [],
    regionIds ? datasets.findRegions(regionIds) : [],
    year ? datasets.years() : ([] as number[]),
  ]);
  reportMissing(
    'School',
    schoolIds,
    schools.map((s) => s.schoolId),
    issues,
  );
  reportMissing(
    'Region',
    regionIds,
    regions.map((r) => r.regionId),
    issues,
  );
  if (year && !years.includes(Number(year))) {
    issues.push({
      path: nameOf(dashboard, 'year'),
      message: `no data for ${year}`,
    });
  }
  throwIfAny(issues);

  return {
    values: Object.fromEntries(
      dashboard.parameters
        .filter((p) => raw[p.name] !== undefined)
        .map((p) => [p.name, raw[p.name] ?? []]),
    ),
    selection: { schools: schoolIds, regions: regionIds },
    schools,
    regions,
    measures: (listed('measure') as Measure[] | undefined) ?? [...measures],
    toYear: year === undefined ? undefined : Number(year),
  };
}

function checkShape(
  parameter: ParameterDefinition,
  values: string[] | undefined,
  issues: Issue[],
): string[] | 'all' | undefined {
  const path = parameter.name;
  if (values === undefined || values.length === 0) {
    if (parameter.required) issues.push({ path, message: 'is required' });
    return undefined;
  }
  if (values.includes(allValues)) {
    if (!parameter.allowAll) {
      issues.push({ path, message: `does not accept ${allValues}` });
    }
    return 'all';
  }
  const unique = [...new Set(values)];
  if (!parameter.multiValue && unique.length > 1) {
    issues.push({ path, message: 'takes one value' });
  }
  for (const value of unique) {
    const result = valueSchemas[parameter.kind].safeParse(value);
    if (!result.success) {
      const reason = result.error.issues[0]?.message ?? 'is not valid';
      issues.push({ path, message: `${JSON.stringify(value)} ${reason}` });
    }
  }
  return unique;
}

function reportMissing(
  path: string,
  wanted: string[] | undefined,
  found: string[],
  issues: Issue[],
): void {
  const missing = (wanted ?? []).filter((id) => !found.includes(id));
  if (missing.length > 0) {
    issues.push({ path, message: `unknown: ${missing.join(', ')}` });
  }
}

function nameOf(dashboard: DashboardDefinition, kind: ParameterKind): string {
  return dashboard.parameters.find((p) => p.kind === kind)?.name ?? kind;
}

function throwIfAny(issues: Issue[]): void {
  if (issues.length === 0) return;
  throw new RequestError(
    400,
    'INVALID_PARAMETER',
    issues.map((i) => `${i.path} ${i.message}`).join('; '),
    issues,
  );
}
