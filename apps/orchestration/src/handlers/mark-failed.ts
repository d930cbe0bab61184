import { createMarkFailedHandler } from '@snapshots/snapshot-service';
import { privateTasks } from '../private-tasks';

/**
 * The final Catch of a render: ends the snapshot FAILED with the reason
 * that was caught, so nothing stays PENDING.
 */
export const handler = (event: unknown) =>
  createMarkFailedHandler(privateTasks('markFailed'))(event);
