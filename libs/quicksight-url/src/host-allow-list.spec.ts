import { HostAllowList } from './host-allow-list';
import {
  HostNotAllowedError,
  InvalidOriginError,
} from './quicksight-url-error';

describe('HostAllowList', () => {
  const allowList = new HostAllowList([
    'http://127.0.0.1:4000',
    'https://*.quicksight.aws.amazon.com',
  ]);

  it.each([
    'http://127.0.0.1:4000/dashboards/trends#p.School=s-001',
    'https://eu-west-1.quicksight.aws.amazon.com/embed/x?code=1',
    'HTTPS://EU-WEST-1.QUICKSIGHT.AWS.AMAZON.COM/embed',
  ])('allows %s', (url) => {
    expect(allowList.isAllowed(url)).toBe(true);
  });

  it.each([
    ['another port', 'http://127.0.0.1:4001/'],
    ['another scheme', 'https://127.0.0.1:4000/'],
    ['the bare wildcard domain', 'https://quicksight.aws.amazon.com/'],
    ['a look-alike suffix', 'https://evil-quicksight.aws.amazon.com/'],
    ['a look-alike prefix', 'https://x.quicksight.aws.amazon.com.evil.io/'],
    ['credentials that hide the host', 'http://127.0.0.1:4000@evil.io/'],
    ['a file URL', 'file:///etc/passwd'],
    ['a javascript URL', 'javascript:alert(1)'],
    ['no URL at all', 'not a url'],
  ])('refuses %s', (_why, url) => {
    expect(allowList.isAllowed(url)).toBe(false);
    expect(() => allowList.assertAllowed(url)).toThrow(HostNotAllowedError);
  });

  it('names only the origin in its error, never the embed token', () => {
    const error = new HostNotAllowedError('https://evil.io/embed?code=secret');

    expect(error.message).toBe('host not allowed: https://evil.io');
  });

  it.each([
    'https://example.com/path',
    'https://example.com?x=1',
    'ftp://example.com',
    'example.com',
  ])('rejects %s as an origin', (origin) => {
    expect(() => new HostAllowList([origin])).toThrow(InvalidOriginError);
  });

  it('lists its origins normalised', () => {
    const list = new HostAllowList([
      'https://Reports.Example.com/',
      'https://*.quicksight.aws.amazon.com',
      'http://127.0.0.1:4000',
    ]);

    expect(list.origins).toEqual([
      'https://reports.example.com',
      'https://*.quicksight.aws.amazon.com',
      'http://127.0.0.1:4000',
    ]);
  });
});
