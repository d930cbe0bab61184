import type { AwsClients } from '@snapshots/aws-clients';
import type { Datasets } from '@snapshots/datasets';
import { defaultCatalogue } from '@snapshots/reports';
import { CampusStore } from '@snapshots/snapshot-metadata';
import { resourceNames as names } from './resource-names';

const pageSize = 500;

/**
 * Copies every campus of the datasets into the campus metadata, each with
 * the public reports of the catalogue (its school's and its region's), as
 * an operator would when a campus joins the service.
 */
export async function seedCampuses(
  clients: AwsClients,
  datasets: Datasets,
): Promise<number> {
  const store = new CampusStore({
    client: clients.dynamodb,
    tableName: names.campusesTable,
  });
  const reports = defaultCatalogue
    .list()
    .filter((report) => report.public)
    .map((report) => report.reportId);

  let count = 0;
  let afterSchoolId: string | undefined;
  for (;;) {
    const page = await datasets.listCampuses({
      limit: pageSize,
      afterSchoolId,
    });
    if (page.length === 0) return count;
    await store.putMany(
      page.map((campus) => ({
        schoolId: campus.schoolId,
        regionId: campus.regionId,
        name: campus.name,
        reports,
      })),
    );
    count += page.length;
    afterSchoolId = page.at(-1)?.schoolId;
  }
}
