import { randomBytes } from 'node:crypto';
import {
  linkSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { TokenKeyError, UnauthorizedError } from './api-server-error';

/** What a local token grants; the claims an identity provider would set. */
export interface LocalClaims {
  schools?: string[];
  regions?: string[];
  admin?: boolean;
  /** Who the caller is; `local-user` when absent. */
  sub?: string;
}

export interface MintTokenOptions {
  /** The signing key; the shared local key file when absent. */
  key?: Uint8Array;
  /** Lifetime; one hour when absent. */
  expiresInSeconds?: number;
}

const issuer = 'snapshots-local';
const audience = 'snapshots-api';
const algorithm = 'HS256';

/**
 * Signs a token for the local API server, as the identity provider does
 * in AWS. Only for local use: the key is a file on this machine.
 *
 * @example
 * const token = await mintToken({ schools: ['s-00001'] });
 * fetch(`${api.url}/reports`, { headers: { authorization: `Bearer ${token}` } });
 */
export async function mintToken(
  claims: LocalClaims,
  options: MintTokenOptions = {},
): Promise<string> {
  const { sub, ...grants } = claims;
  return new SignJWT({ ...grants })
    .setProtectedHeader({ alg: algorithm, typ: 'JWT' })
    .setSubject(sub ?? 'local-user')
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(
      Math.floor(Date.now() / 1000) + (options.expiresInSeconds ?? 3600),
    )
    .sign(options.key ?? localTokenKey());
}

/**
 * The claims of a token signed with `key`, checked the way the API
 * Gateway JWT authorizer checks them: signature, issuer, audience, expiry.
 *
 * @throws UnauthorizedError for any token that fails a check.
 */
export async function verifyToken(
  token: string,
  key: Uint8Array,
): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [algorithm],
      issuer,
      audience,
      requiredClaims: ['exp', 'sub'],
    });
    return payload;
  } catch (cause) {
    throw new UnauthorizedError('the token is not valid', { cause });
  }
}

/**
 * The local signing key, shared by every process on this machine through a
 * file (SNAPSHOTS_TOKEN_KEY_FILE, or `tmp/local-token.key` under the
 * working directory), created on first use.
 */
export function localTokenKey(file = defaultKeyFile()): Uint8Array {
  try {
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new TokenKeyError(file, { cause: error });
    }
  }

  // Written aside, then linked into place: of two processes creating the
  // key at once, one wins and the other reads the winner's whole key.
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(draft, randomBytes(32).toString('base64url') + '\n', {
      mode: 0o600,
    });
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new TokenKeyError(file, { cause: error });
    }
  } finally {
    rmSync(draft, { force: true });
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
}

function defaultKeyFile(): string {
  return (
    process.env.SNAPSHOTS_TOKEN_KEY_FILE ??
    join(process.cwd(), 'tmp', 'local-token.key')
  );
}
