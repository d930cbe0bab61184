import {
  allStates,
  parseAsl,
  substitutePlaceholders,
  waitsForTaskToken,
} from './asl-definition';

describe('substitutePlaceholders', () => {
  it('replaces every occurrence and reports names without a value', () => {
    const text = '{"a":"${Queue}","b":"${Queue}/${Missing}","c":"$.x"}';

    const result = substitutePlaceholders(text, { Queue: 'q-1' });

    expect(result).toEqual({
      text: '{"a":"q-1","b":"q-1/${Missing}","c":"$.x"}',
      missing: ['Missing'],
    });
  });
});

describe('allStates', () => {
  it('walks into Map iterators and Parallel branches', () => {
    const machine = parseAsl(
      JSON.stringify({
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            ItemProcessor: {
              StartAt: 'Inner',
              States: { Inner: { Type: 'Pass', End: true } },
            },
            Next: 'Both',
          },
          Both: {
            Type: 'Parallel',
            Branches: [
              {
                StartAt: 'Left',
                States: { Left: { Type: 'Pass', End: true } },
              },
              {
                StartAt: 'Right',
                States: {
                  Right: {
                    Type: 'Task',
                    Resource:
                      'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
                    End: true,
                  },
                },
              },
            ],
            End: true,
          },
        },
      }),
    );

    const states = [...allStates(machine)];

    expect(states.map(([name]) => name)).toEqual([
      'Each',
      'Inner',
      'Both',
      'Left',
      'Right',
    ]);
    expect(states.filter(([, state]) => waitsForTaskToken(state))).toHaveLength(
      1,
    );
  });

  it('names the place of a malformed state', () => {
    expect(() =>
      parseAsl('{"StartAt":"A","States":{"A":{"End":true}}}'),
    ).toThrow(/States\.A\.Type/);
  });
});
