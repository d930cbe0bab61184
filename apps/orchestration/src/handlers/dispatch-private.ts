import { createDispatchPrivateHandler } from '@snapshots/snapshot-service';
import { privateTasks } from '../private-tasks';

/**
 * The first state of the private state machine: makes sure a private
 * worker runs before the job is sent.
 */
export const handler = (event: unknown) =>
  createDispatchPrivateHandler(privateTasks('dispatchPrivate'))(event);
