import { failureReason } from './failure-reason';

describe('failureReason', () => {
  it('takes the reason a worker sent with SendTaskFailure', () => {
    const reason = failureReason({
      Error: 'SnapshotFailed',
      Cause: JSON.stringify({ snapshotId: 'snp_a', reason: 'visual errored' }),
    });

    expect(reason).toBe('visual errored');
  });

  it('takes the message of a failed Lambda function', () => {
    const reason = failureReason({
      Error: 'WorkerGroupError',
      Cause: JSON.stringify({
        errorType: 'WorkerGroupError',
        errorMessage: 'worker group private does not exist',
      }),
    });

    expect(reason).toBe('worker group private does not exist');
  });

  it('says what a timeout means instead of naming it', () => {
    expect(failureReason({ Error: 'States.HeartbeatTimeout' })).toBe(
      'the worker stopped reporting progress',
    );
    expect(failureReason({ Error: 'States.Timeout', Cause: '' })).toBe(
      'no worker finished the render in time',
    );
  });

  it('falls back to plain words, then the error name, then a default', () => {
    expect(failureReason({ Error: 'X', Cause: ' queue gone ' })).toBe(
      'queue gone',
    );
    expect(failureReason({ Error: 'SQS.QueueDoesNotExist' })).toBe(
      'SQS.QueueDoesNotExist',
    );
    expect(failureReason(undefined)).toBe('the render failed');
  });

  it('keeps a reason short enough for a record and a response', () => {
    const reason = failureReason({ Cause: 'x'.repeat(5000) });

    expect(reason.length).toBe(500);
    expect(reason.endsWith('…')).toBe(true);
  });
});
