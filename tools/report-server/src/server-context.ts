import type { Datasets } from '@snapshots/datasets';
import type { Logger } from '@snapshots/logging';
import type { AssetStore } from './page/assets';
import type { SessionRegistry } from './sessions';

/** What every route handler works with. */
export interface ServerContext {
  datasets: Datasets;
  sessions: SessionRegistry;
  assets: AssetStore;
  failingSchools: ReadonlySet<string>;
  logger: Logger;
  /** Aborted when the server stops: ends held and delayed answers. */
  stopping: AbortSignal;
}
