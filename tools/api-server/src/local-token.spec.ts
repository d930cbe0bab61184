import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { UnauthorizedError } from './api-server-error';
import { localTokenKey, mintToken, verifyToken } from './local-token';

const key = randomBytes(32);

describe('local tokens', () => {
  it('carry the grants they were minted with', async () => {
    const token = await mintToken(
      { schools: ['s-00001'], admin: false, sub: 'u-7' },
      { key },
    );

    const claims = await verifyToken(token, key);

    expect(claims).toMatchObject({
      sub: 'u-7',
      schools: ['s-00001'],
      admin: false,
      iss: 'snapshots-local',
      aud: 'snapshots-api',
    });
  });

  it('are refused with another key, after expiry, or tampered with', async () => {
    const token = await mintToken({ admin: true }, { key });
    const expired = await mintToken(
      { admin: true },
      { key, expiresInSeconds: -60 },
    );
    const [header, , signature] = token.split('.');
    const forged = `${header}.${Buffer.from('{"admin":true}').toString('base64url')}.${signature}`;

    for (const [candidate, signingKey] of [
      [token, randomBytes(32)],
      [expired, key],
      [forged, key],
      ['not-a-token', key],
    ] as const) {
      await expect(verifyToken(candidate, signingKey)).rejects.toBeInstanceOf(
        UnauthorizedError,
      );
    }
  });

  it('are refused without the issuer and audience of this API', async () => {
    const foreign = await new SignJWT({ admin: true })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u-1')
      .setIssuer('someone-else')
      .setAudience('snapshots-api')
      .setExpirationTime('1h')
      .sign(key);

    await expect(verifyToken(foreign, key)).rejects.toBeInstanceOf(
      UnauthorizedError,
    );
  });

  it('share one key per file, created once and private to its owner', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'token-key-')), 'k', 'key');

    const first = localTokenKey(file);
    const second = localTokenKey(file);

    expect(first).toHaveLength(32);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(
      Buffer.from(first).toString('base64url'),
    );
  });
});
