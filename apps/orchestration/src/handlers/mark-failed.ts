import { createMarkFailedHandler } from '@snapshots/snapshot-service';
import { privateTasks } from '../private-tasks';

/**
 * The final Catch of a render: ends the attempt this execution started
 * FAILED with the reason that was caught, so nothing stays PENDING; a
 * newer attempt, or a worker's live lease, is left alone.
 */
export const handler = (event: unknown) =>
  createMarkFailedHandler(privateTasks('markFailed'))(event);
