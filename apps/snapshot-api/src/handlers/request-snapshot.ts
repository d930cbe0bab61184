import { routeHandler } from '../api';

/** `POST /reports/{reportId}/snapshots` */
export const handler = routeHandler('requestSnapshot');
