import { ConfigError } from '@snapshots/config';
import { readWorkerSettings } from './worker-settings';

const base = {
  SNAPSHOTS_TABLE: 'snapshots',
  SNAPSHOT_BUCKET: 'pictures',
  BATCH_QUEUE_URL: 'http://127.0.0.1:4566/000000000000/batch',
  PRIVATE_QUEUE_URL: 'http://127.0.0.1:4566/000000000000/private',
};

describe('readWorkerSettings', () => {
  it('uses the report server when REPORT_BASE_URL is set', () => {
    const settings = readWorkerSettings({
      ...base,
      REPORT_BASE_URL: 'http://127.0.0.1:4100/',
      REPORT_SERVER_QUERY: 'fault=slow',
      LEASE_SECONDS: '30',
      WORKER_ID: 'w-1',
    });

    expect(settings.reports).toEqual({
      kind: 'report-server',
      baseUrl: 'http://127.0.0.1:4100/',
      query: { fault: 'slow' },
      sessionTtlSeconds: undefined,
    });
    expect(settings.allowedHosts).toEqual(['http://127.0.0.1:4100']);
    expect(settings.capture.hostOrigin).toBe('https://snapshots.invalid');
    expect(settings.workerId).toBe('w-1');
    expect(settings.leaseMs).toBe(30_000);
    expect(settings.heartbeatMs).toBe(10_000);
  });

  it('uses QuickSight otherwise, and polls the private queue first', () => {
    const settings = readWorkerSettings({
      ...base,
      QUICKSIGHT_ACCOUNT_ID: '123456789012',
      QUICKSIGHT_SESSION_TAGS: 'school=School, region=Region',
      AWS_REGION: 'eu-west-1',
    });

    expect(settings.reports).toMatchObject({
      kind: 'quicksight',
      accountId: '123456789012',
      namespace: 'default',
      sessionTags: { school: 'School', region: 'Region' },
    });
    expect(settings.allowedHosts).toEqual([
      'https://eu-west-1.quicksight.aws.amazon.com',
    ]);
    expect(settings.queues.map((queue) => queue.name)).toEqual([
      'private',
      'batch',
    ]);
  });

  it('polls only the private queue in the private pool', () => {
    const settings = readWorkerSettings({
      ...base,
      WORKER_POOL: 'private',
      REPORT_BASE_URL: 'http://127.0.0.1:4100',
    });

    expect(settings.queues).toEqual([
      { name: 'private', url: base.PRIVATE_QUEUE_URL },
    ]);
  });

  it('embeds reports in a host page at CAPTURE_HOST_ORIGIN', () => {
    const read = (origin: string) =>
      readWorkerSettings({
        ...base,
        REPORT_BASE_URL: 'http://127.0.0.1:4100',
        CAPTURE_HOST_ORIGIN: origin,
      });

    expect(read('https://snapshots.example.com/').capture.hostOrigin).toBe(
      'https://snapshots.example.com',
    );
    expect(() => read('https://snapshots.example.com/host')).toThrow(
      /CAPTURE_HOST_ORIGIN must be an origin/,
    );
  });

  it('names every missing or bad variable', () => {
    const read = () =>
      readWorkerSettings({
        SNAPSHOT_BUCKET: 'pictures',
        CAPTURE_SLOTS: '0',
        LEASE_SECONDS: '10',
        HEARTBEAT_SECONDS: '9',
      });

    expect(read).toThrow(ConfigError);
    expect(read).toThrow(/SNAPSHOTS_TABLE is required/);
    expect(read).toThrow(/CAPTURE_SLOTS must be at least 1/);
    expect(read).toThrow(/BATCH_QUEUE_URL or PRIVATE_QUEUE_URL is required/);
    expect(read).toThrow(/QUICKSIGHT_ACCOUNT_ID is required when/);
    expect(read).toThrow(/HEARTBEAT_SECONDS must be at most half/);
  });

  it('recycles the browser by default', () => {
    const settings = readWorkerSettings({
      ...base,
      REPORT_BASE_URL: 'http://127.0.0.1:4100',
    });

    expect(settings.capture).toMatchObject({
      recycleAfter: 200,
      memoryCeilingMb: 1500,
    });
  });

  it('takes how often to recycle the browser from the environment', () => {
    const settings = readWorkerSettings({
      ...base,
      REPORT_BASE_URL: 'http://127.0.0.1:4100',
      RECYCLE_AFTER_CAPTURES: '50',
      BROWSER_MEMORY_CEILING_MB: '2048',
    });

    expect(settings.capture).toMatchObject({
      recycleAfter: 50,
      memoryCeilingMb: 2048,
    });
  });

  it('names a recycling limit that is not a sensible whole number', () => {
    const read = () =>
      readWorkerSettings({
        ...base,
        REPORT_BASE_URL: 'http://127.0.0.1:4100',
        RECYCLE_AFTER_CAPTURES: '0',
        BROWSER_MEMORY_CEILING_MB: 'lots',
      });

    expect(read).toThrow(ConfigError);
    expect(read).toThrow(/RECYCLE_AFTER_CAPTURES must be at least 1/);
    expect(read).toThrow(/BROWSER_MEMORY_CEILING_MB must be a whole number/);
  });

  it('treats an empty variable as unset', () => {
    const settings = readWorkerSettings({
      ...base,
      PRIVATE_QUEUE_URL: '',
      REPORT_BASE_URL: 'http://127.0.0.1:4100',
      CHROME_PATH: '',
    });

    expect(settings.queues).toEqual([
      { name: 'batch', url: base.BATCH_QUEUE_URL },
    ]);
    expect(settings.capture.chromePath).toBeUndefined();
  });
});
