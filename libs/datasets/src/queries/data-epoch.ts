import { DatasetsQueryError } from '../datasets-error';
import type { DatasetModels } from '../models';

/** The data epoch of datasets that were never loaded. */
export const emptyDataEpoch = 'r0';

/**
 * The latest refresh as `r<id>@<ISO time>`. The time keeps the epoch from
 * repeating when a database is dropped and its ids start again at 1.
 */
export async function dataEpoch(models: DatasetModels): Promise<string> {
  try {
    // Through the model: it reads DATETIME the same way on every dialect.
    const latest = await models.Refresh.findOne({
      order: [['refreshId', 'DESC']],
    });
    if (!latest) return emptyDataEpoch;
    return `r${latest.refreshId}@${latest.refreshedAt.toISOString()}`;
  } catch (error) {
    throw new DatasetsQueryError('dataEpoch', { cause: error });
  }
}

/**
 * Records that the datasets were refreshed (by a load outside the seed
 * generator, say) and returns the new epoch.
 */
export async function recordRefresh(
  models: DatasetModels,
  label: string,
): Promise<string> {
  try {
    await models.Refresh.create({ refreshedAt: new Date(), label });
  } catch (error) {
    throw new DatasetsQueryError('recordRefresh', { cause: error });
  }
  return dataEpoch(models);
}
