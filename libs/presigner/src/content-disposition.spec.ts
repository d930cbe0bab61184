import { inlineDisposition } from './content-disposition';
import { InvalidLinkRequestError } from './presigner-error';

describe('inlineDisposition', () => {
  it('quotes a plain name as it is', () => {
    expect(inlineDisposition('campus-overview-s-00001.png')).toBe(
      'inline; filename="campus-overview-s-00001.png"',
    );
  });

  it('adds a UTF-8 name beside an ASCII fallback for other names', () => {
    expect(inlineDisposition('école "nord".pdf')).toBe(
      'inline; filename="_cole__nord_.pdf"; ' +
        "filename*=UTF-8''%C3%A9cole%20%22nord%22.pdf",
    );
  });

  it.each([
    ['', 'must be 1 to 200'],
    ['a'.repeat(201), 'must be 1 to 200'],
    ['../etc/passwd', 'path separators'],
    ['a\r\nSet-Cookie: x', 'control characters'],
  ])('refuses %j', (name, reason) => {
    expect(() => inlineDisposition(name)).toThrow(InvalidLinkRequestError);
    expect(() => inlineDisposition(name)).toThrow(reason);
  });
});
