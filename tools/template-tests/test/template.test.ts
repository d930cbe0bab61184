import { snapshotIdentity } from '@snapshots/snapshot-keys';
import { tableDesign } from '@snapshots/snapshot-metadata';
import {
  functionProperty,
  parameters,
  referencedId,
  referencesIn,
  resource,
  resources,
  resourcesOfType,
  template,
} from './support/stack';

const pseudoParameters = new Set([
  'AWS::AccountId',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

describe('template.yaml', () => {
  it('parses with CloudFormation tags into a SAM template', () => {
    expect(template.Transform).toBe('AWS::Serverless-2016-10-31');
    expect(Object.keys(resources).length).toBeGreaterThan(30);
  });

  it('refers only to its own resources, parameters and pseudo parameters', () => {
    const known = new Set([
      ...Object.keys(resources),
      ...Object.keys(parameters),
      ...pseudoParameters,
    ]);
    const dangling = [
      ...referencesIn(resources),
      ...referencesIn(template.Outputs),
      ...referencesIn(template.Globals),
    ].filter((name) => !known.has(name));

    expect(dangling).toEqual([]);
  });

  it('runs every function on nodejs22.x, arm64, from an esbuild output', () => {
    for (const [id] of resourcesOfType('AWS::Serverless::Function')) {
      expect([id, functionProperty(id, 'Runtime')]).toEqual([id, 'nodejs22.x']);
      expect([id, functionProperty(id, 'Architectures')]).toEqual([
        id,
        ['arm64'],
      ]);
      expect(functionProperty(id, 'CodeUri')).toMatch(
        /^dist\/apps\/[a-z-]+\/[a-z-]+$/,
      );
    }
  });

  it('gives every function its own role and its own log group', () => {
    const functions = resourcesOfType('AWS::Serverless::Function');
    const roles = functions.map(([, fn]) => referencedId(fn.Properties?.Role));
    const logGroups = functions.map(([, fn]) =>
      referencedId(
        (fn.Properties?.LoggingConfig as { LogGroup?: unknown })?.LogGroup,
      ),
    );

    expect(new Set(roles).size).toBe(functions.length);
    expect(new Set(logGroups).size).toBe(functions.length);
    for (const id of [...roles, ...logGroups]) {
      expect(resource(id ?? '(none)').Type).toMatch(
        /^AWS::(IAM::Role|Logs::LogGroup)$/,
      );
    }
  });

  it('keeps every log group for a limited time', () => {
    const groups = resourcesOfType('AWS::Logs::LogGroup');

    expect(groups.length).toBeGreaterThan(10);
    for (const [id, group] of groups) {
      expect([id, group.Properties?.RetentionInDays]).toEqual([
        id,
        { Ref: 'LogRetentionDays' },
      ]);
    }
  });

  it('declares the tables with the keys @snapshots/snapshot-metadata uses', () => {
    const snapshots = resource('SnapshotsTable').Properties ?? {};
    const { byBatch, byReport } = tableDesign.snapshots;

    expect(snapshots.KeySchema).toEqual([
      { AttributeName: tableDesign.snapshots.partitionKey, KeyType: 'HASH' },
    ]);
    expect(snapshots.GlobalSecondaryIndexes).toEqual(
      [byBatch, byReport].map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
    expect(snapshots.TimeToLiveSpecification).toEqual({
      AttributeName: tableDesign.snapshots.ttlAttribute,
      Enabled: true,
    });
    expect(resource('CampusesTable').Properties?.KeySchema).toEqual([
      { AttributeName: tableDesign.campuses.partitionKey, KeyType: 'HASH' },
    ]);
    for (const [id, table] of resourcesOfType('AWS::DynamoDB::Table')) {
      expect([id, table.Properties?.PointInTimeRecoverySpecification]).toEqual([
        id,
        { PointInTimeRecoveryEnabled: true },
      ]);
    }
  });

  it('keeps the buckets private, encrypted and reachable over TLS only', () => {
    const buckets = resourcesOfType('AWS::S3::Bucket');
    const policies = resourcesOfType('AWS::S3::BucketPolicy');

    for (const [id, bucket] of buckets) {
      const properties = bucket.Properties ?? {};
      expect([id, properties.PublicAccessBlockConfiguration]).toEqual([
        id,
        {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
      ]);
      expect(properties.BucketEncryption).toBeDefined();

      const policy = policies.find(
        ([, p]) => referencedId(p.Properties?.Bucket) === id,
      );
      expect(JSON.stringify(policy?.[1].Properties?.PolicyDocument)).toContain(
        '{"Bool":{"aws:SecureTransport":"false"}}',
      );
    }
  });

  it('expires old snapshot pictures under the prefix their keys use', () => {
    const { objectKey } = snapshotIdentity(
      {
        reportId: 'campus-overview',
        school: 's-00001',
        region: null,
        filters: {},
        format: 'png',
      },
      { version: '1', dataEpoch: 'e1' },
    );
    const rules = (
      resource('SnapshotBucket').Properties?.LifecycleConfiguration as {
        Rules: { Prefix?: string; ExpirationInDays?: unknown }[];
      }
    ).Rules;
    const expiry = rules.find((rule) => rule.ExpirationInDays !== undefined);

    expect(objectKey.startsWith(expiry?.Prefix ?? '(no prefix)')).toBe(true);
    expect(expiry?.ExpirationInDays).toEqual({ Ref: 'SnapshotRetentionDays' });
  });

  it('gives each job queue a dead-letter queue with an alarm on it', () => {
    const alarms = resourcesOfType('AWS::CloudWatch::Alarm').map(([, a]) =>
      referencesIn(a.Properties?.Dimensions),
    );

    for (const id of ['BatchJobQueue', 'PrivateJobQueue']) {
      const redrive = resource(id).Properties?.RedrivePolicy as {
        deadLetterTargetArn: unknown;
        maxReceiveCount: unknown;
      };
      const deadLetterQueue = referencedId(redrive.deadLetterTargetArn) ?? '';

      expect(resource(deadLetterQueue).Type).toBe('AWS::SQS::Queue');
      expect(redrive.maxReceiveCount).toEqual({ Ref: 'JobMaxReceiveCount' });
      expect(alarms).toContainEqual([deadLetterQueue]);
    }
  });

  it('rests both worker groups at zero and tells instances their pool', () => {
    const groups = resourcesOfType('AWS::AutoScaling::AutoScalingGroup');
    const pools = groups.map(([, group]) => {
      const tags = group.Properties?.Tags as { Key: string; Value: unknown }[];
      return tags.find((tag) => tag.Key === 'SnapshotPool')?.Value;
    });

    expect(pools.sort()).toEqual(['batch', 'private']);
    expect(resource('BatchWorkerGroup').Properties?.MinSize).toBe('0');
    expect(parameters.PrivateWorkerMinSize?.Default).toBe(0);
    for (const [, group] of groups) {
      expect(group.Properties?.DesiredCapacity).toBeUndefined();
    }
  });

  it('starts the batch on a schedule set per environment', () => {
    const events = resource('BatchStateMachine').Properties?.Events as Record<
      string,
      { Type: string; Properties: Record<string, unknown> }
    >;
    const schedules = Object.values(events).filter(
      (event) => event.Type === 'ScheduleV2',
    );

    expect(schedules).toHaveLength(1);
    expect(schedules[0]?.Properties.ScheduleExpression).toEqual({
      Ref: 'BatchScheduleExpression',
    });
  });
});
