import { CaptureError, InvalidPoolOptionsError } from './capture-error';
import {
  DEFAULT_MEMORY_CEILING_MB,
  DEFAULT_RECYCLE_AFTER,
  parsePoolLimits,
} from './pool-options';

describe('parsePoolLimits', () => {
  it('recycles browsers by default', () => {
    const limits = parsePoolLimits({ slots: 2 });

    expect(limits).toMatchObject({
      slots: 2,
      recycleAfter: DEFAULT_RECYCLE_AFTER,
      memoryCeilingMb: DEFAULT_MEMORY_CEILING_MB,
      reusePages: true,
      hostOrigin: 'https://snapshots.invalid',
    });
  });

  it.each([
    'https://*.example.com',
    'https://host.example.com/snapshots',
    'host.example.com',
    'ftp://host.example.com',
  ])('refuses %j as the host origin', (hostOrigin) => {
    expect(() => parsePoolLimits({ slots: 1, hostOrigin })).toThrow(
      /hostOrigin must be an http\(s\) origin/,
    );
  });

  it('takes a host origin with or without its slash', () => {
    const limits = parsePoolLimits({
      slots: 1,
      hostOrigin: 'https://reports.example.com/',
    });

    expect(limits.hostOrigin).toBe('https://reports.example.com/');
  });

  it('keeps what the options say', () => {
    const limits = parsePoolLimits({
      slots: 1,
      recycleAfter: 16,
      memoryCeilingMb: 1,
      readyQuietMs: 0,
    });

    expect(limits).toMatchObject({
      recycleAfter: 16,
      memoryCeilingMb: 1,
      readyQuietMs: 0,
    });
  });

  it('names every bad option in an error of the capture family', () => {
    const parse = () =>
      parsePoolLimits({ slots: 0, recycleAfter: 2.5, memoryCeilingMb: -1 });

    expect(parse).toThrow(InvalidPoolOptionsError);
    expect(parse).toThrow(CaptureError);
    try {
      parse();
    } catch (error) {
      expect((error as InvalidPoolOptionsError).issues).toEqual([
        { path: 'slots', message: 'must be a whole number from 1 to 64' },
        {
          path: 'recycleAfter',
          message: 'must be a whole number from 1 to 1000000',
        },
        { path: 'memoryCeilingMb', message: 'must be more than 0' },
      ]);
    }
  });
});
