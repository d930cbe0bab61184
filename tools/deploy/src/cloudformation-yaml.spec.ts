import { parseCloudFormation } from './cloudformation-yaml';
import { TemplateError } from './deploy-error';

describe('parseCloudFormation', () => {
  it('turns short-form tags into their long forms, nested too', () => {
    const template = parseCloudFormation(
      [
        'A: !Ref Bucket',
        'B: !GetAtt Queue.Arn',
        "C: !Sub '${Bucket.Arn}/*'",
        'D: !If [IsProd, !Ref One, !Ref AWS::NoValue]',
        'E: !Sub',
        "  - 'x-${Name}'",
        '  - Name: !Ref Stack',
        'F: !Base64',
        "  Fn::Sub: 'y'",
      ].join('\n'),
    );

    expect(template).toEqual({
      A: { Ref: 'Bucket' },
      B: { 'Fn::GetAtt': ['Queue', 'Arn'] },
      C: { 'Fn::Sub': '${Bucket.Arn}/*' },
      D: { 'Fn::If': ['IsProd', { Ref: 'One' }, { Ref: 'AWS::NoValue' }] },
      E: { 'Fn::Sub': ['x-${Name}', { Name: { Ref: 'Stack' } }] },
      F: { 'Fn::Base64': { 'Fn::Sub': 'y' } },
    });
  });

  it('rejects a tag CloudFormation does not know', () => {
    expect(() => parseCloudFormation('A: !Reff Bucket')).toThrow(TemplateError);
  });

  it('rejects a document that is not a mapping', () => {
    expect(() => parseCloudFormation('- a\n- b\n')).toThrow(/not a mapping/);
  });
});
