import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { batchStepVariables, type BatchStep } from '@snapshots/batch';
import {
  privateTaskDependenciesFromEnvironment,
  readApiSettings,
  type ApiRouteName,
} from '@snapshots/snapshot-service';
import { workerBundle } from '@snapshots/deploy';
import { readWorkerSettings } from '@snapshots/snapshot-worker-runtime';
import { parse } from 'smol-toml';
import {
  parameters,
  referencedId,
  resource,
  resources,
  resourcesOfType,
  template,
  workspaceRoot,
} from './support/stack';

/** The variable names the parts agreed on, plus the runtime's own. */
const agreedVariables = new Set([
  'SNAPSHOTS_TABLE',
  'CAMPUSES_TABLE',
  'SNAPSHOT_BUCKET',
  'BATCH_QUEUE_URL',
  'PRIVATE_QUEUE_URL',
  'PRIVATE_STATE_MACHINE_ARN',
  'BATCH_STATE_MACHINE_ARN',
  'WORKER_GROUP_NAME',
  'PRIVATE_WORKER_GROUP_NAME',
  'REPORT_BASE_URL',
  'QUICKSIGHT_ACCOUNT_ID',
  'ALLOWED_HOSTS',
  'DATASETS_URL',
  'CAPTURE_SLOTS',
  'CAPTURE_HOST_ORIGIN',
  'CHROME_PATH',
  'URL_TTL_SECONDS',
  'AWS_REGION',
  'S3_FORCE_PATH_STYLE',
  'NODE_OPTIONS',
  // The SDK's own; empty in AWS, set by `sam local invoke --env-vars`.
  'AWS_ENDPOINT_URL_DYNAMODB',
  'AWS_ENDPOINT_URL_S3',
  'AWS_ENDPOINT_URL_SQS',
  'AWS_ENDPOINT_URL_SFN',
  'AWS_ENDPOINT_URL_AUTO_SCALING',
]);

/** A value of the kind CloudFormation would put in place of `expression`. */
function sampleValue(expression: unknown): string {
  if (typeof expression !== 'object' || expression === null) {
    return String(expression);
  }
  const id = referencedId(expression);
  const type = id ? resources[id]?.Type : undefined;
  if (type === 'AWS::SQS::Queue') {
    return `https://sqs.eu-west-1.amazonaws.com/123456789012/${id}`;
  }
  const fallback = id ? parameters[id]?.Default : undefined;
  if (typeof fallback === 'string' || typeof fallback === 'number') {
    return String(fallback);
  }
  if (id && parameters[id]) return 'value';
  return `${id ?? 'value'}-1`;
}

function environmentOf(logicalId: string): Record<string, string> {
  const variables = {
    ...(
      template.Globals as {
        Function: { Environment: { Variables: Record<string, unknown> } };
      }
    ).Function.Environment.Variables,
    ...(
      resource(logicalId).Properties?.Environment as
        { Variables: Record<string, unknown> } | undefined
    )?.Variables,
  };
  return Object.fromEntries(
    Object.entries(variables).map(([name, value]) => [
      name,
      sampleValue(value),
    ]),
  );
}

const functions = resourcesOfType('AWS::Serverless::Function').map(
  ([logicalId, fn]) => {
    const codeUri = String(fn.Properties?.CodeUri);
    const [, , project = '', handler = ''] = codeUri.split('/');
    return { logicalId, project, handler };
  },
);

const camel = (name: string) =>
  name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

describe('function settings', () => {
  it('use only the agreed variable names', () => {
    for (const { logicalId } of functions) {
      for (const name of Object.keys(environmentOf(logicalId))) {
        expect([logicalId, agreedVariables.has(name)]).toEqual([
          logicalId,
          true,
        ]);
      }
    }
  });

  it.each(functions.filter((fn) => fn.project === 'snapshot-api'))(
    'satisfy the API route of $logicalId',
    ({ logicalId, handler }) => {
      expect(() =>
        readApiSettings(
          environmentOf(logicalId),
          camel(handler) as ApiRouteName,
        ),
      ).not.toThrow();
    },
  );

  it.each(
    functions.filter(
      (fn) =>
        fn.project === 'orchestration' && fn.handler in batchStepVariables,
    ),
  )('satisfy the batch step of $logicalId', ({ logicalId, handler }) => {
    const required = batchStepVariables[handler as BatchStep];

    expect(Object.keys(environmentOf(logicalId))).toEqual(
      expect.arrayContaining([...required]),
    );
  });

  it.each(
    functions.filter((fn) =>
      ['dispatch-private', 'mark-failed'].includes(fn.handler),
    ),
  )('satisfy the private task of $logicalId', ({ logicalId, handler }) => {
    const task = camel(handler) as 'dispatchPrivate' | 'markFailed';

    expect(() =>
      privateTaskDependenciesFromEnvironment(environmentOf(logicalId), {
        task,
      }),
    ).not.toThrow();
  });
});

describe('worker settings written by the user data', () => {
  const userData = JSON.stringify(
    (
      resource('WorkerLaunchTemplate').Properties?.LaunchTemplateData as {
        UserData: unknown;
      }
    ).UserData,
  );
  const script = (
    JSON.parse(userData) as {
      'Fn::Base64': { 'Fn::Sub': [string, Record<string, unknown>] };
    }
  )['Fn::Base64']['Fn::Sub'];
  const [text, variables] = script;
  const sources = JSON.stringify(variables.ReportSource);

  function workerEnvironment(pool: string, reportSource: string) {
    const block = /<<ENV\n([\s\S]*?)\nENV\n/.exec(text)?.[1] ?? '';
    const filled = block
      .replaceAll('$pool', pool)
      .replaceAll('$instance', 'i-0123456789abcdef0')
      .replaceAll('${ReportSource}', reportSource)
      .replaceAll('${AWS::Region}', 'eu-west-1')
      .replace(/\$\{(\w+)\}/g, (_, name: string) => sampleValue({ Ref: name }));
    return Object.fromEntries(
      filled.split('\n').map((line) => {
        const at = line.indexOf('=');
        return [line.slice(0, at), line.slice(at + 1)];
      }),
    );
  }

  it('offers both report sources, one at a time', () => {
    expect(sources).toContain('REPORT_BASE_URL=${ReportBaseUrl}');
    expect(sources).toContain('QUICKSIGHT_ACCOUNT_ID=${AWS::AccountId}');
  });

  it.each([
    ['batch', 'QUICKSIGHT_ACCOUNT_ID=123456789012'],
    ['private', 'QUICKSIGHT_ACCOUNT_ID=123456789012'],
    ['batch', 'REPORT_BASE_URL=https://reports.example.org'],
  ])('satisfy a %s worker with %s', (pool, reportSource) => {
    const settings = readWorkerSettings(workerEnvironment(pool, reportSource));

    expect(settings.queues.map((queue) => queue.name)).toContain(pool);
  });

  it('install the Node.js release the repository pins', () => {
    const pinned = readFileSync(join(workspaceRoot, '.nvmrc'), 'utf8').trim();
    const packageJson = JSON.parse(
      readFileSync(join(workspaceRoot, 'package.json'), 'utf8'),
    ) as { devDependencies: Record<string, string> };

    expect(parameters.WorkerNodeVersion?.Default).toBe(pinned);
    expect(packageJson.devDependencies.node).toBe(pinned);
    expect(text).toContain('node-v${WorkerNodeVersion}-linux-arm64');
  });

  it('are written by the template alone, with no copy beside the worker', () => {
    const deployFolder = join(workspaceRoot, 'apps/snapshot-worker/deploy');

    expect(readdirSync(deployFolder)).toEqual(['snapshot-worker.service']);
  });

  it('boot the bundle the deploy tool uploads, with Chromium', () => {
    expect(text).toContain(
      `s3://\${WorkerArtifactBucket}/${workerBundle.currentKey}`,
    );
    expect(text).toMatch(/apt-get install[^\n]*chromium/);
    expect(text).toContain(
      '/opt/snapshot-worker/deploy/snapshot-worker.service',
    );
  });
});

describe('samconfig.toml', () => {
  const config = parse(
    readFileSync(join(workspaceRoot, 'samconfig.toml'), 'utf8'),
  ) as Record<string, { deploy?: { parameters?: Record<string, unknown> } }>;

  /** `Key=value` or `Key="value with spaces"`, as sam splits them. */
  function overrides(environment: string): Map<string, string> {
    const items = config[environment]?.deploy?.parameters
      ?.parameter_overrides as string[];
    return new Map(
      items.map((item) => {
        const match = /^(\w+)=(?:"(.*)"|([^\s"]*))$/.exec(item);
        if (!match) throw new Error(`cannot read override ${item}`);
        return [match[1] ?? '', match[2] ?? match[3] ?? ''];
      }),
    );
  }

  it.each(['dev', 'staging', 'prod'])(
    'gives %s a value for every parameter without a default, and no other',
    (environment) => {
      const values = overrides(environment);
      const required = Object.entries(parameters)
        .filter(([, p]) => p.Default === undefined)
        .map(([name]) => name);

      expect([...values.keys()].filter((n) => !(n in parameters))).toEqual([]);
      expect(required.filter((name) => !values.has(name))).toEqual([]);
      expect(values.get('Environment')).toBe(environment);

      for (const [name, value] of values) {
        const { AllowedValues, AllowedPattern, MinValue, MaxValue } =
          parameters[name] ?? {};
        if (Array.isArray(AllowedValues)) {
          expect([name, AllowedValues.map(String)]).toEqual([
            name,
            expect.arrayContaining([value]),
          ]);
        }
        if (typeof AllowedPattern === 'string') {
          expect(value).toMatch(new RegExp(`^${AllowedPattern}$`));
        }
        if (typeof MinValue === 'number') {
          expect(Number(value)).toBeGreaterThanOrEqual(MinValue);
        }
        if (typeof MaxValue === 'number') {
          expect(Number(value)).toBeLessThanOrEqual(MaxValue);
        }
      }
    },
  );
});
