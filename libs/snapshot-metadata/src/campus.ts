import { z } from 'zod';

/** A campus (one school in one region) and the public reports it gets. */
export interface Campus {
  schoolId: string;
  regionId: string;
  name: string;
  /** Ids of the public reports snapshotted for this campus. */
  reports: string[];
}

export const campusItemSchema = z.object({
  schoolId: z.string(),
  regionId: z.string(),
  name: z.string(),
  reports: z.array(z.string()),
}) satisfies z.ZodType<Campus>;
