import type { DashboardDefinition } from '../dashboards/dashboard';
import type { ResolvedParameters } from '../parameters/resolve-parameters';
import type { ScopePayload } from '../visual-payload';

/** Who or what the dashboard shows, in words, for its header. */
export function describeScope(
  dashboard: DashboardDefinition,
  parameters: ResolvedParameters,
): ScopePayload {
  const { schools, regions } = parameters;
  const inRegions =
    regions.length > 0 ? ` in ${regions.map((r) => r.name).join(', ')}` : '';

  if (dashboard.scope === 'region') {
    const [only] = regions;
    if (regions.length === 1 && only) {
      return {
        heading: only.name,
        detail: `${only.regionId} · ${only.campuses} campuses`,
      };
    }
    return regions.length === 0
      ? { heading: 'All regions', detail: 'Every campus' }
      : {
          heading: `${regions.length} regions`,
          detail: regions.map((r) => r.name).join(', '),
        };
  }

  const [only] = schools;
  if (schools.length === 1 && only) {
    return {
      heading: only.name,
      detail: `${only.schoolId} · ${only.regionName} · ${only.kind}`,
    };
  }
  if (schools.length === 0) {
    return { heading: `All campuses${inRegions}`, detail: 'Every campus' };
  }
  return {
    heading: `${schools.length} campuses${inRegions}`,
    detail: schools.map((s) => s.name).join(', '),
  };
}
