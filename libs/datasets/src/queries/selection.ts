import { z } from 'zod';

const ids = z.array(z.string().trim().min(1)).min(1).max(10_000);

/**
 * Which campuses a query covers: the listed schools and/or the campuses of
 * the listed regions. A missing list means all of them (QuickSight's
 * `[ALL]`).
 */
export const campusSelectionSchema = z.object({
  schools: ids.optional(),
  regions: ids.optional(),
});

export type CampusSelection = z.input<typeof campusSelectionSchema>;

/** SQL condition on the `schools s` alias, with its replacements. */
export function selectionCondition(
  selection: z.output<typeof campusSelectionSchema>,
): { where: string; replacements: Record<string, unknown> } {
  const conditions = ['1 = 1'];
  const replacements: Record<string, unknown> = {};
  if (selection.schools) {
    conditions.push('s.school_id IN (:schools)');
    replacements.schools = selection.schools;
  }
  if (selection.regions) {
    conditions.push('s.region_id IN (:regions)');
    replacements.regions = selection.regions;
  }
  return { where: conditions.join(' AND '), replacements };
}
