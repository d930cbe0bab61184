import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { inlineDisposition } from './content-disposition';
import { InvalidLinkRequestError } from './presigner-error';

/** What a link points at and how a browser should show it. */
export interface LinkRequest {
  bucket: string;
  objectKey: string;
  contentType: string;
  /** The name a browser shows and saves under, e.g. `overview-s-1.png`. */
  fileName: string;
  /** 1 to 900: S3 allows more, our policy does not. */
  expiresInSeconds: number;
}

/** A pre-signed GET URL and the moment it stops working. */
export interface SnapshotLink {
  url: string;
  expiresAt: string;
}

/** The longest a link may live: fifteen minutes. */
export const maxLinkSeconds = 900;

/**
 * Signs a GET of one stored snapshot. The response headers are part of the
 * signature, so the link always serves the right type and file name. The
 * URL is a bearer credential: callers hand it out, they never log it.
 */
export async function presignSnapshot(
  s3: S3Client,
  request: LinkRequest,
  now: () => Date = () => new Date(),
): Promise<SnapshotLink> {
  checkRequest(request);
  const signedAt = now();

  const command = new GetObjectCommand({
    Bucket: request.bucket,
    Key: request.objectKey,
    ResponseContentType: request.contentType,
    ResponseContentDisposition: inlineDisposition(request.fileName),
  });
  const url = await getSignedUrl(s3, command, {
    expiresIn: request.expiresInSeconds,
    signingDate: signedAt,
  });

  const expiresAt = new Date(
    signedAt.getTime() + request.expiresInSeconds * 1000,
  );
  return { url, expiresAt: expiresAt.toISOString() };
}

function checkRequest(request: LinkRequest): void {
  const { expiresInSeconds: seconds } = request;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > maxLinkSeconds) {
    throw new InvalidLinkRequestError(
      'expiresInSeconds',
      `must be a whole number from 1 to ${maxLinkSeconds}, got ${seconds}`,
    );
  }
  if (!request.bucket) {
    throw new InvalidLinkRequestError('bucket', 'must not be empty');
  }
  if (!request.objectKey) {
    throw new InvalidLinkRequestError('objectKey', 'must not be empty');
  }
  if (!/^[\w.+-]+\/[\w.+-]+$/.test(request.contentType)) {
    throw new InvalidLinkRequestError(
      'contentType',
      `"${request.contentType}" is not a media type`,
    );
  }
}
