import { InvalidInputError } from '../service-error';

/** A request body is a handful of ids and filters; this is generous. */
export const maxBodyBytes = 16 * 1024;

interface BodyCarrier {
  body?: string;
  isBase64Encoded: boolean;
  headers: Record<string, string | undefined>;
}

/**
 * The JSON body of an API Gateway event, parsed but not yet validated. An
 * empty body reads as `{}` so a request with defaults needs none.
 *
 * @throws InvalidInputError for a body that is too large, not JSON, or
 * sent as another media type.
 */
export function readJsonBody(event: BodyCarrier): unknown {
  const contentType = event.headers['content-type'];
  if (contentType !== undefined && !isJson(contentType)) {
    throw new InvalidInputError(
      'UNSUPPORTED_MEDIA_TYPE',
      'the body must be application/json',
      [{ path: '', message: `${contentType.slice(0, 64)} is not JSON` }],
    );
  }

  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded
    ? Buffer.from(raw, 'base64')
    : Buffer.from(raw, 'utf8');
  if (bytes.length > maxBodyBytes) {
    throw new InvalidInputError('PAYLOAD_TOO_LARGE', 'the body is too large', [
      { path: '', message: `must be at most ${maxBodyBytes} bytes` },
    ]);
  }

  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (text.trim() === '') return {};
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new InvalidInputError(
      'MALFORMED_JSON',
      'the body is not valid JSON',
      [{ path: '', message: 'must be a JSON object in UTF-8' }],
      { cause },
    );
  }
}

function isJson(contentType: string): boolean {
  const media = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return media === 'application/json' || media.endsWith('+json');
}
