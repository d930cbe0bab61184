import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseBatchInput, parseBatchPlan } from '@snapshots/batch';
import {
  apiRoutes,
  callerFromClaims,
  matchApiRoute,
  parsePrivateRenderInput,
} from '@snapshots/snapshot-service';
import { readAsl, taskStates } from './support/asl';
import {
  parameters,
  resource,
  resourcesOfType,
  workspaceRoot,
} from './support/stack';

const eventsDir = join(workspaceRoot, 'events');

const functions = resourcesOfType('AWS::Serverless::Function').map(
  ([logicalId, fn]) => ({
    logicalId,
    handler: String(fn.Properties?.CodeUri).split('/').pop() ?? '',
    project: String(fn.Properties?.CodeUri).split('/')[2] ?? '',
  }),
);

function readEvent(handler: string): Record<string, unknown> {
  return JSON.parse(
    readFileSync(join(eventsDir, `${handler}.json`), 'utf8'),
  ) as Record<string, unknown>;
}

const camel = (name: string) =>
  name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

describe('events/ for sam local invoke', () => {
  it('has one event per handler, and no other', () => {
    const files = readdirSync(eventsDir).filter((f) => f.endsWith('.json'));

    expect(files.sort()).toEqual(
      functions.map((fn) => `${fn.handler}.json`).sort(),
    );
  });

  it.each(functions.filter((fn) => fn.project === 'snapshot-api'))(
    'gives $logicalId a request of its own route, with JWT claims',
    ({ logicalId, handler }) => {
      const event = readEvent(handler) as {
        routeKey: string;
        rawPath: string;
        requestContext: {
          http: { method: string };
          authorizer: { jwt: { claims: Record<string, unknown> } };
        };
      };
      const api = Object.values(
        resource(logicalId).Properties?.Events as Record<
          string,
          { Properties: { Method: string; Path: string } }
        >,
      )[0]?.Properties;
      const matched = matchApiRoute(
        event.requestContext.http.method,
        event.rawPath,
      );

      expect(event.routeKey).toBe(`${api?.Method} ${api?.Path}`);
      expect(matched?.route.handler).toBe(camel(handler));
      expect(matched?.route.routeKey).toBe(event.routeKey);
      expect(
        callerFromClaims(event.requestContext.authorizer.jwt.claims).schools
          .size,
      ).toBeGreaterThan(0);
    },
  );

  it('routes exactly the API routes @snapshots/snapshot-service serves', () => {
    const declared = functions.flatMap(({ logicalId }) =>
      Object.values(
        (resource(logicalId).Properties?.Events ?? {}) as Record<
          string,
          { Type: string; Properties: { Method: string; Path: string } }
        >,
      )
        .filter((event) => event.Type === 'HttpApi')
        .map((event) => `${event.Properties.Method} ${event.Properties.Path}`),
    );

    expect(declared.sort()).toEqual(apiRoutes.map((r) => r.routeKey).sort());
  });

  it('starts a batch with what the schedule sends', () => {
    const event = readEvent('plan-batch') as { input: unknown };
    const schedule = Object.values(
      resource('BatchStateMachine').Properties?.Events as Record<
        string,
        { Properties: { Input: { 'Fn::Sub': string } } }
      >,
    )[0];
    const reportId = String(parameters.BatchReportId?.Default);
    const scheduled: unknown = JSON.parse(
      schedule?.Properties.Input['Fn::Sub'].replace(
        '${BatchReportId}',
        reportId,
      ) ?? '',
    );

    expect(() => parseBatchInput(event.input)).not.toThrow();
    expect(parseBatchInput(scheduled).reportId).toBe(reportId);
  });

  it.each(['enqueue-jobs', 'track-batch', 'finish-batch'])(
    'hands %s a batch plan',
    (handler) => {
      expect(() => parseBatchPlan(readEvent(handler))).not.toThrow();
    },
  );

  it.each(['dispatch-private', 'mark-failed'])(
    'hands %s a private render input',
    (handler) => {
      expect(() => parsePrivateRenderInput(readEvent(handler))).not.toThrow();
    },
  );

  it('hands a task exactly the fields its state machine passes', () => {
    const tasks = [
      'apps/orchestration/state-machines/batch.asl.json',
      'apps/orchestration/state-machines/private.asl.json',
    ].flatMap((uri) => taskStates(readAsl(uri).json));
    const scaleOut = tasks.find((task) => task.name === 'ScaleOut');
    const fields = Object.keys(scaleOut?.parameters ?? {}).map((key) =>
      key.replace(/\.\$$/, ''),
    );

    expect(Object.keys(readEvent('scale-workers')).sort()).toEqual(
      fields.sort(),
    );
  });
});
