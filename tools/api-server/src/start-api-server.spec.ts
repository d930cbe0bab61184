import { randomBytes } from 'node:crypto';
import type { ApiEvent, ApiHandlers } from '@snapshots/snapshot-service';
import { mintToken } from './local-token';
import { startApiServer, type ApiServer } from './start-api-server';

const key = randomBytes(32);
const seen: ApiEvent[] = [];

// Handlers that answer with what they were given: the adapter is under
// test here, not the API.
const echo = (name: string) => (event: ApiEvent) => {
  seen.push(event);
  return Promise.resolve({
    statusCode: 200,
    headers: { 'content-type': 'application/json', 'x-handler': name },
    body: JSON.stringify({ name }),
  });
};
const handlers: ApiHandlers = {
  requestSnapshot: echo('requestSnapshot'),
  getSnapshot: echo('getSnapshot'),
  listReports: echo('listReports'),
};

let server: ApiServer;
let token: string;

beforeAll(async () => {
  server = await startApiServer({ handlers, tokenKey: key });
  token = await mintToken(
    { schools: ['s-00001', 's-00002'], admin: false, sub: 'u-1' },
    { key },
  );
});
afterAll(() => server.stop());
beforeEach(() => {
  seen.length = 0;
});

const call = (path: string, init: RequestInit = {}, bearer = token) =>
  fetch(`${server.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${bearer}`, ...init.headers },
  });

describe('the local API server', () => {
  it('hands the route its payload v2 event with the claims API Gateway would', async () => {
    const response = await call('/reports/trends/snapshots?x=1&x=2', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: 'a=1; b=2' },
      body: '{"school":"s-00001"}',
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('x-handler')).toBe('requestSnapshot');
    const [event] = seen;
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /reports/{reportId}/snapshots',
      rawPath: '/reports/trends/snapshots',
      rawQueryString: 'x=1&x=2',
      queryStringParameters: { x: '1,2' },
      pathParameters: { reportId: 'trends' },
      cookies: ['a=1', 'b=2'],
      body: '{"school":"s-00001"}',
      isBase64Encoded: false,
      requestContext: {
        http: { method: 'POST', path: '/reports/trends/snapshots' },
        stage: '$default',
        authorizer: {
          jwt: {
            claims: {
              sub: 'u-1',
              schools: '[s-00001 s-00002]',
              admin: 'false',
            },
          },
        },
      },
    });
    expect(event?.headers['content-type']).toBe('application/json');
  });

  it('passes bytes that are not UTF-8 base64-encoded', async () => {
    await call('/reports/trends/snapshots', {
      method: 'POST',
      body: Buffer.from([0x7b, 0xff, 0x7d]),
    });

    expect(seen[0]).toMatchObject({ isBase64Encoded: true, body: 'e/99' });
  });

  it('answers 401 before any handler for a missing or bad token', async () => {
    const other = await mintToken({ admin: true }, { key: randomBytes(32) });

    const answers = await Promise.all([
      fetch(`${server.url}/reports`),
      call('/reports', {}, other),
      call('/reports', {}, 'junk'),
    ]);

    expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401]);
    expect(await answers[0]?.json()).toEqual({ message: 'Unauthorized' });
    expect(seen).toHaveLength(0);
  });

  it('answers 404 for a route it does not have, token or not', async () => {
    const answers = await Promise.all([
      call('/snapshots'),
      call('/reports', { method: 'DELETE' }),
      fetch(`${server.url}/nowhere`),
    ]);

    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404]);
    expect(seen).toHaveLength(0);
  });

  it('answers 413 for a body beyond what API Gateway would pass', async () => {
    const response = await call('/reports/trends/snapshots', {
      method: 'POST',
      body: 'x'.repeat(2 * 1024 * 1024),
    });

    expect(response.status).toBe(413);
    expect(seen).toHaveLength(0);
  });
});
