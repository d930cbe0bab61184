import { element } from './xml';

describe('element', () => {
  it('writes objects as children, lists as members, and escapes text', () => {
    const xml = element('Group', {
      Name: 'a<b & "c"',
      Zones: ['z-1', 'z-2'],
      Created: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
      Left: undefined,
      Size: 0,
    });

    expect(xml).toBe(
      '<Group><Name>a&lt;b &amp; &quot;c&quot;</Name>' +
        '<Zones><member>z-1</member><member>z-2</member></Zones>' +
        '<Created>2024-01-02T03:04:05.000Z</Created><Size>0</Size></Group>',
    );
  });
});
