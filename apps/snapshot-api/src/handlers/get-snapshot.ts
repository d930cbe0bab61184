import { routeHandler } from '../api';

/** `GET /snapshots/{snapshotId}` */
export const handler = routeHandler('getSnapshot');
