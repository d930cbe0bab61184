import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { useEmbeddedApi } from './support/embedded-api';
import { call, type Answer, type Call } from './support/snapshot-client';

const api = useEmbeddedApi();

const school = 's-00001';
const long = (length: number) => 'x'.repeat(length);

/** One malformed call: a name for the failure message, a path, a call. */
interface Case {
  name: string;
  path: string;
  call: Call;
}

/**
 * Bodies that no report accepts, whatever its parameters: not JSON, not an
 * object, wrong types, unknown fields, out of bounds, odd characters.
 */
const badBodies: Record<string, unknown> = {
  'truncated JSON': '{"school": "s-00001"',
  'trailing comma': '{"school": "s-00001",}',
  'single quotes': "{'school': 's-00001'}",
  'bare word': 'school',
  'NaN literal': '{"school": NaN}',
  'comment in JSON': '{"school": "s-00001" /* hi */}',
  'two objects': '{"school": "s-00001"}{"school": "s-00002"}',
  'invalid UTF-8': Buffer.from([
    ...Buffer.from('{"school": "s-0000'),
    0xc3,
    0x28,
    ...Buffer.from('"}'),
  ]),
  'JSON null': 'null',
  'JSON number': '42',
  'JSON string': '"s-00001"',
  'JSON true': 'true',
  'JSON list': '[{"school": "s-00001"}]',
  'empty list': '[]',
  'school a number': { school: 1 },
  'school true': { school: true },
  'school a list': { school: [school] },
  'school an object': { school: { id: school } },
  'school null': { school: null },
  'school empty': { school: '' },
  'school blank': { school: '   ' },
  'school too long': { school: `s-${long(80)}` },
  'school with a slash': { school: 's-00001/../s-00002' },
  'school with dots': { school: '../../etc/passwd' },
  'school with a hash': { school: 's-00001#p.School=s-00002' },
  'school with an ampersand': { school: 's-00001&p.Region=r-001' },
  'school with spaces inside': { school: 's 00001' },
  'school with a newline': { school: 's-00001\nX-Injected: 1' },
  'school with a null byte': { school: 's-00001\u0000' },
  'school with markup': { school: '<script>alert(1)</script>' },
  'school with an emoji': { school: 's-0000😀' },
  'school with a zero-width space': { school: 's-00\u200b001' },
  'school percent-encoded': { school: 's%2D00001' },
  'school starting with a dash': { school: '-s-00001' },
  'region a number': { school, region: 7 },
  'region with a slash': { school, region: 'r/001' },
  'format gif': { school, format: 'gif' },
  'format a number': { school, format: 1 },
  'format empty': { school, format: '' },
  'format null': { school, format: null },
  'format a list': { school, format: ['png'] },
  'unknown field': { school, colour: 'red' },
  'reportId in the body': { school, reportId: 'trends' },
  'proto key': `{"school": "${school}", "__proto__": {"admin": true}}`,
  'constructor key': { school, constructor: { prototype: {} } },
  'field name in capitals': { School: school },
  'filters a string': { school, filters: 'measure=enrolment' },
  'filters a list': { school, filters: [['measure', 'enrolment']] },
  'filters a number': { school, filters: 3 },
  'filters null': { school, filters: null },
  'filter value a number': { school, filters: { measure: 3 } },
  'filter value null': { school, filters: { measure: null } },
  'filter value an object': { school, filters: { measure: { a: 'b' } } },
  'filter list with a number': { school, filters: { measure: ['a', 1] } },
  'filter list nested': { school, filters: { measure: [['enrolment']] } },
  'filter list empty': { school, filters: { measure: [] } },
  'filter value empty': { school, filters: { measure: '' } },
  'filter value too long': { school, filters: { measure: long(200) } },
  'filter value with a control character': {
    school,
    filters: { measure: 'enrol\u0007ment' },
  },
  'filter value with a bidi mark': {
    school,
    filters: { measure: 'enrol\u202ement' },
  },
  'too many filter values': {
    school,
    filters: { measure: Array.from({ length: 60 }, (_, i) => `m${i}`) },
  },
  'too many filters': {
    school,
    filters: Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [`f${i}`, 'x']),
    ),
  },
  'filter name too long': { school, filters: { [`m${long(80)}`]: 'x' } },
  'filter name with a space': { school, filters: { 'my measure': 'x' } },
  'filter name with a dot': { school, filters: { 'p.School': 's-00002' } },
  'filter name with a hash': { school, filters: { '#p': 'x' } },
  'filter name empty': { school, filters: { '': 'x' } },
  'filter name starting with a digit': { school, filters: { '1st': 'x' } },
  'body over the size limit': { school, filters: { measure: long(20_000) } },
};

/** Requests that are well formed but do not fit the report they name. */
const misfits: Record<string, [string, unknown]> = {
  'campus report with no school': ['campus-overview', {}],
  'campus report with only a region': ['campus-overview', { region: 'r-1' }],
  'campus report with a filter': [
    'campus-overview',
    { school, filters: { measure: 'enrolment' } },
  ],
  'region report with a school': ['region-summary', { school }],
  'region report with nothing': ['region-summary', {}],
  'trends with an unknown filter': [
    'trends',
    { school, filters: { colour: 'red' } },
  ],
  'trends with two years': [
    'trends',
    { school, filters: { year: ['2023', '2024'] } },
  ],
};

const badPaths = [
  '/reports/Campus-Overview/snapshots',
  '/reports/campus_overview/snapshots',
  '/reports/campus--overview/snapshots',
  '/reports/-campus/snapshots',
  '/reports/%2e%2e/snapshots',
  '/reports/..%2Fsnapshots/snapshots',
  '/reports/%00/snapshots',
  '/reports/%F0%9F%98%80/snapshots',
  `/reports/${long(100)}/snapshots`,
  '/reports/no-such-report/snapshots',
  '/reports/campus-overview/snapshots/extra',
  '/reports//snapshots',
  '/reports/campus-overview',
  '/reports/campus-overview/snapshot',
];

const badSnapshotPaths = [
  '/snapshots/not-an-id',
  '/snapshots/snp_',
  '/snapshots/SNP_abc',
  '/snapshots/snp_abc%2F..',
  '/snapshots/snp_%00',
  '/snapshots/snp_abc!',
  `/snapshots/snp_${long(150)}`,
  '/snapshots/snp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  '/snapshots/',
];

async function corpus(): Promise<Case[]> {
  const admin = await api().token({ admin: true });
  const cases: Case[] = [];
  const post = (body: unknown, token = admin): Call => ({
    method: 'POST',
    token,
    body,
  });

  for (const reportId of ['campus-overview', 'trends', 'region-summary']) {
    for (const [name, body] of Object.entries(badBodies)) {
      cases.push({
        name: `${reportId}: ${name}`,
        path: `/reports/${reportId}/snapshots`,
        call: post(body),
      });
    }
  }
  for (const [name, [reportId, body]] of Object.entries(misfits)) {
    cases.push({
      name,
      path: `/reports/${reportId}/snapshots`,
      call: post(body),
    });
  }
  for (const path of badPaths) {
    cases.push({ name: `POST ${path}`, path, call: post({ school }) });
  }
  for (const path of badSnapshotPaths) {
    cases.push({ name: `GET ${path}`, path, call: { token: admin } });
  }

  const body = { school };
  const path = '/reports/campus-overview/snapshots';
  cases.push(
    { name: 'no token', path, call: { method: 'POST', body } },
    { name: 'empty token', path, call: post(body, '') },
    { name: 'a token that is not a JWT', path, call: post(body, 'abc') },
    {
      name: 'a token signed with another key',
      path,
      call: post(body, await api().foreignToken({ admin: true })),
    },
    {
      name: 'a token for another school',
      path,
      call: post(body, await api().token({ schools: ['s-00002'] })),
    },
    {
      // Region grants do not reach the schools inside (see access/scope).
      name: 'a region token for a school report',
      path,
      call: post(body, await api().token({ regions: ['r-001'] })),
    },
    {
      name: 'a text/plain body',
      path,
      call: {
        ...post(JSON.stringify(body)),
        headers: { 'content-type': 'text/plain' },
      },
    },
    {
      name: 'a form body',
      path,
      call: {
        ...post(`school=${school}`),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
    },
    {
      name: 'DELETE of a snapshot',
      path: '/snapshots/snp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      call: { method: 'DELETE', token: admin },
    },
    { name: 'PUT of a report', path, call: { ...post(body), method: 'PUT' } },
    { name: 'GET of the POST route', path, call: { token: admin } },
  );
  return cases;
}

/** Everything a request could have written, counted. */
async function footprint(): Promise<Record<string, number>> {
  const { clients, names, queues } = api().service;
  const tables = [names.snapshotsTable, names.campusesTable];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const { Count = 0 } = await clients.dynamodb.send(
      new ScanCommand({ TableName: table, Select: 'COUNT' }),
    );
    counts[table] = Count;
  }
  const { KeyCount = 0 } = await clients.s3.send(
    new ListObjectsV2Command({ Bucket: names.bucket }),
  );
  counts.objects = KeyCount;
  const { executions = [] } = await clients.sfn.send(
    new ListExecutionsCommand({ stateMachineArn: names.privateStateMachine }),
  );
  counts.executions = executions.length;
  const { Attributes = {} } = await clients.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queues.privateQueueUrl,
      AttributeNames: ['All'],
    }),
  );
  counts.queued =
    Number(Attributes.ApproximateNumberOfMessages ?? 0) +
    Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
  counts.privateWorkers =
    api().service.autoScaling.describeGroup(names.privateWorkers)
      ?.desiredCapacity ?? -1;
  return counts;
}

function outcome(answer: Answer): string {
  return `${answer.status} ${answer.body.error?.code ?? answer.body.message ?? ''}`;
}

describe('malformed requests', () => {
  it('are each answered 4xx with a reason, and write nothing', async () => {
    const cases = await corpus();
    const before = await footprint();

    const answers = new Map<string, string>();
    const wrong: string[] = [];
    for (const one of cases) {
      const answer = await call(api().url, one.path, one.call);
      answers.set(one.name, outcome(answer));
      if (answer.status < 400 || answer.status > 499) {
        wrong.push(`${one.name}: ${outcome(answer)}`);
      } else if (answer.status === 400 && !answer.body.error?.code) {
        wrong.push(`${one.name}: 400 without the error shape`);
      }
    }

    expect(cases.length).toBeGreaterThanOrEqual(200);
    expect(wrong).toEqual([]);
    expect(await footprint()).toEqual(before);
    expect(before).toMatchObject({ snapshots: 0, executions: 0, objects: 0 });
    // Spot checks that each kind of problem is told apart.
    expect(answers.get('campus-overview: truncated JSON')).toBe(
      '400 MALFORMED_JSON',
    );
    expect(answers.get('campus-overview: unknown field')).toBe(
      '400 INVALID_REQUEST',
    );
    expect(answers.get('POST /reports/no-such-report/snapshots')).toBe(
      '404 REPORT_NOT_FOUND',
    );
    expect(answers.get('a token for another school')).toBe(
      '403 SCOPE_FORBIDDEN',
    );
    expect(answers.get('a text/plain body')).toBe('415 UNSUPPORTED_MEDIA_TYPE');
    expect(answers.get('trends: body over the size limit')).toBe(
      '413 PAYLOAD_TOO_LARGE',
    );
    expect(answers.get('no token')?.startsWith('401')).toBe(true);
  }, 180_000);

  it('names the field and the reason of every problem in one answer', async () => {
    const admin = await api().token({ admin: true });

    const answer = await call(api().url, '/reports/trends/snapshots', {
      method: 'POST',
      token: admin,
      body: { school: 7, format: 'gif', filters: { measure: [1] }, x: 1 },
    });

    expect(answer.status).toBe(400);
    const paths = (answer.body.error?.details as { path: string }[]).map(
      (detail) => detail.path,
    );
    expect(paths.sort()).toEqual(
      ['filters.measure[0]', 'format', 'school', 'x'].sort(),
    );
  });

  it('any unknown field with any JSON value is refused with 400', async () => {
    const admin = await api().token({ admin: true });
    const known = new Set(['school', 'region', 'filters', 'format']);
    const before = await footprint();

    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !known.has(k)),
        fc.jsonValue(),
        async (field, value) => {
          const answer = await call(
            api().url,
            '/reports/campus-overview/snapshots',
            {
              method: 'POST',
              token: admin,
              body: JSON.stringify({ school, [field]: value }),
            },
          );
          expect(outcome(answer)).toBe('400 INVALID_REQUEST');
        },
      ),
      { numRuns: 100 },
    );
    expect(await footprint()).toEqual(before);
  }, 120_000);
});
