import type { ReportDefinition } from '@snapshots/reports';
import type { Caller } from './caller';

/** The part of a request that says whose data it shows. */
export interface RequestScope {
  school: string | null;
  region: string | null;
}

/**
 * Whether the caller's claims cover every school and region a request
 * names. An administrator sees everything; anyone else needs each named id
 * among their grants.
 *
 * A school inside a granted region is not covered: that would need the
 * campus table on every request. It goes away when region grants are
 * resolved to schools at sign-in.
 */
export function mayRequest(caller: Caller, scope: RequestScope): boolean {
  if (caller.admin) return true;
  if (scope.school === null && scope.region === null) return false;
  if (scope.school !== null && !caller.schools.has(scope.school)) return false;
  if (scope.region !== null && !caller.regions.has(scope.region)) return false;
  return true;
}

/** Whether a report is worth listing to a caller: they hold its scope. */
export function mayList(caller: Caller, report: ReportDefinition): boolean {
  if (caller.admin) return true;
  return report.scope === 'school'
    ? caller.schools.size > 0
    : caller.regions.size > 0;
}
