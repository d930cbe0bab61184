import { routeHandler } from '../api';

/** `GET /reports` */
export const handler = routeHandler('listReports');
