import { S3Client } from '@aws-sdk/client-s3';
import { presignSnapshot, type LinkRequest } from './presign-snapshot';
import { InvalidLinkRequestError } from './presigner-error';

const s3 = new S3Client({
  region: 'eu-west-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
});
const request: LinkRequest = {
  bucket: 'snapshots-bucket',
  objectKey: 'campus-overview/s-00001/abc.png',
  contentType: 'image/png',
  fileName: 'campus-overview-s-00001.png',
  expiresInSeconds: 300,
};
const signedAt = new Date('2026-12-03T10:00:00.000Z');

afterAll(() => s3.destroy());

describe('presignSnapshot', () => {
  it('signs a GET that lives as long as asked, with its headers', async () => {
    const link = await presignSnapshot(s3, request, () => signedAt);
    const url = new URL(link.url);

    expect(url.pathname).toBe('/campus-overview/s-00001/abc.png');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('X-Amz-Date')).toBe('20261203T100000Z');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(url.searchParams.get('response-content-type')).toBe('image/png');
    expect(url.searchParams.get('response-content-disposition')).toBe(
      'inline; filename="campus-overview-s-00001.png"',
    );
    expect(link.expiresAt).toBe('2026-12-03T10:05:00.000Z');
  });

  it('gives a different signature for a different lifetime', async () => {
    const short = await presignSnapshot(
      s3,
      { ...request, expiresInSeconds: 60 },
      () => signedAt,
    );
    const long = await presignSnapshot(s3, request, () => signedAt);
    const signature = (link: { url: string }) =>
      new URL(link.url).searchParams.get('X-Amz-Signature');

    expect(signature(short)).not.toBe(signature(long));
  });

  it.each([
    [{ expiresInSeconds: 0 }, 'expiresInSeconds'],
    [{ expiresInSeconds: 901 }, 'expiresInSeconds'],
    [{ expiresInSeconds: 1.5 }, 'expiresInSeconds'],
    [{ bucket: '' }, 'bucket'],
    [{ objectKey: '' }, 'objectKey'],
    [{ contentType: 'png' }, 'contentType'],
  ])('refuses %j naming %s', async (change, field) => {
    const signing = presignSnapshot(s3, { ...request, ...change });

    await expect(signing).rejects.toThrow(InvalidLinkRequestError);
    await expect(signing).rejects.toThrow(field);
  });
});
