import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { ListStateMachinesCommand } from '@aws-sdk/client-sfn';
import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import {
  createClients,
  destroyClients,
  type AwsClients,
} from '@snapshots/aws-clients';
import { resource, template, workspaceRoot } from './support/stack';

const guide = readFileSync(join(workspaceRoot, 'docs/deploy.md'), 'utf8');

/** The variables of the guide's `local-env.json`, for every function. */
function localEnvFile(): Record<string, string> {
  const block = new RegExp('```json\\s+(\\{\\s+"Parameters"[^`]*)```').exec(
    guide,
  );
  if (!block) throw new Error('docs/deploy.md shows no local-env.json');
  const file = JSON.parse(block[1] ?? '') as {
    Parameters: Record<string, string>;
  };
  return file.Parameters;
}

const localVariables = localEnvFile();

/** The functions the guide's commands invoke with that file. */
const invokedFunctions = [
  ...guide.matchAll(/sam local invoke (\w+)[^`]*--env-vars local-env\.json/g),
].map((match) => match[1] ?? '');

function variables(
  properties: Record<string, unknown> | undefined,
): Record<string, unknown> {
  return (
    (properties?.Environment as { Variables?: Record<string, unknown> })
      ?.Variables ?? {}
  );
}

const globalVariables = variables(
  (template.Globals as { Function: Record<string, unknown> }).Function,
);

/**
 * One request per client that the endpoint variables steer, stopped once
 * the SDK has chosen where to send it: the host it picked comes back.
 */
const probes: Record<string, (clients: AwsClients) => Promise<string>> = {
  AWS_ENDPOINT_URL_DYNAMODB: (c) => hostOf(c.dynamodb, new ListTablesCommand()),
  AWS_ENDPOINT_URL_S3: (c) =>
    hostOf(c.s3, new GetObjectCommand({ Bucket: 'snapshots', Key: 'a.png' })),
  AWS_ENDPOINT_URL_SQS: (c) => hostOf(c.sqs, new ListQueuesCommand()),
  AWS_ENDPOINT_URL_SFN: (c) => hostOf(c.sfn, new ListStateMachinesCommand()),
  AWS_ENDPOINT_URL_AUTO_SCALING: (c) =>
    hostOf(c.autoScaling, new DescribeAutoScalingGroupsCommand()),
};

class ChosenHost extends Error {
  constructor(readonly host: string) {
    super(`request to ${host} stopped before sending`);
  }
}

interface Probed {
  middlewareStack: {
    add(
      middleware: () => (args: {
        request: { hostname?: string; port?: number; path?: string };
      }) => never,
      options: { step: 'build' },
    ): void;
  };
  send(command: unknown): Promise<unknown>;
}

async function hostOf(client: unknown, command: unknown): Promise<string> {
  const probed = client as Probed;
  probed.middlewareStack.add(
    () => (args) => {
      const { hostname, port, path } = args.request;
      throw new ChosenHost(`${hostname}${port ? `:${port}` : ''}${path}`);
    },
    { step: 'build' },
  );
  try {
    await probed.send(command);
  } catch (error) {
    if (error instanceof ChosenHost) return error.host;
    throw error;
  }
  throw new Error('the request was not stopped');
}

/** Where each client sends its requests under the given variables. */
async function hostsWith(
  environment: Record<string, string>,
): Promise<Record<string, string>> {
  const saved = process.env;
  process.env = {
    ...saved,
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    ...environment,
  };
  const clients = createClients({
    s3ForcePathStyle: environment.S3_FORCE_PATH_STYLE === 'true',
  });
  try {
    const hosts: Record<string, string> = {};
    for (const [name, probe] of Object.entries(probes)) {
      hosts[name] = await probe(clients);
    }
    return hosts;
  } finally {
    destroyClients(clients);
    process.env = saved;
  }
}

const endpointVariables = Object.keys(probes);

describe('sam local invoke with the local-env.json of docs/deploy.md', () => {
  it('invokes at least one function with it', () => {
    expect(invokedFunctions.length).toBeGreaterThan(0);
    expect(Object.keys(localVariables)).toEqual(
      expect.arrayContaining([
        'AWS_ENDPOINT_URL_DYNAMODB',
        'S3_FORCE_PATH_STYLE',
      ]),
    );
  });

  // SAM sets only the variables a function declares and drops the rest
  // without a word: the handler would then talk to AWS itself.
  it.each(invokedFunctions)(
    'sets only variables that %s declares',
    (logicalId) => {
      const declared = {
        ...globalVariables,
        ...variables(resource(logicalId).Properties),
      };

      expect(
        Object.keys(localVariables).filter((name) => !(name in declared)),
      ).toEqual([]);
    },
  );

  it('lets every function point each AWS client at the local stack', () => {
    for (const name of [...endpointVariables, 'S3_FORCE_PATH_STYLE']) {
      expect([name, name in globalVariables]).toEqual([name, true]);
    }
  });
});

describe('the endpoint variables as the template sets them', () => {
  it('leave every client on its AWS endpoint, S3 virtual-hosted', async () => {
    const deployed = Object.fromEntries(
      [...endpointVariables, 'S3_FORCE_PATH_STYLE'].map((name) => [
        name,
        String(globalVariables[name]),
      ]),
    );

    expect(await hostsWith(deployed)).toEqual({
      AWS_ENDPOINT_URL_DYNAMODB: 'dynamodb.eu-west-1.amazonaws.com/',
      AWS_ENDPOINT_URL_S3: 'snapshots.s3.eu-west-1.amazonaws.com/a.png',
      AWS_ENDPOINT_URL_SQS: 'sqs.eu-west-1.amazonaws.com/',
      AWS_ENDPOINT_URL_SFN: 'states.eu-west-1.amazonaws.com/',
      AWS_ENDPOINT_URL_AUTO_SCALING: 'autoscaling.eu-west-1.amazonaws.com/',
    });
  });

  it('give way to a local endpoint when one is set', async () => {
    const local = Object.fromEntries(
      endpointVariables.map((name, index) => [
        name,
        `http://127.0.0.1:${4501 + index}`,
      ]),
    );

    const hosts = await hostsWith({ ...local, S3_FORCE_PATH_STYLE: 'true' });

    expect(hosts).toEqual({
      AWS_ENDPOINT_URL_DYNAMODB: '127.0.0.1:4501/',
      AWS_ENDPOINT_URL_S3: '127.0.0.1:4502/snapshots/a.png',
      AWS_ENDPOINT_URL_SQS: '127.0.0.1:4503/',
      AWS_ENDPOINT_URL_SFN: '127.0.0.1:4504/',
      AWS_ENDPOINT_URL_AUTO_SCALING: '127.0.0.1:4505/',
    });
  });
});
