import { conditionalUpdate } from './update-expression';

describe('conditionalUpdate', () => {
  it('writes set, raise and remove with only the names and values used', () => {
    const parts = conditionalUpdate(
      {
        set: { status: 'PENDING', batchId: undefined, updatedAt: 5 },
        raiseAttempt: true,
        remove: ['leaseOwner'],
      },
      '#status = :failed',
      { ':failed': 'FAILED', ':owner': 'unused' },
    );

    expect(parts).toEqual({
      UpdateExpression:
        'SET #status = :status, #updatedAt = :updatedAt, ' +
        '#attempt = #attempt + :one REMOVE #leaseOwner',
      ConditionExpression: '#status = :failed',
      ExpressionAttributeNames: {
        '#status': 'status',
        '#updatedAt': 'updatedAt',
        '#attempt': 'attempt',
        '#leaseOwner': 'leaseOwner',
      },
      ExpressionAttributeValues: {
        ':status': 'PENDING',
        ':updatedAt': 5,
        ':one': 1,
        ':failed': 'FAILED',
      },
    });
  });
});
