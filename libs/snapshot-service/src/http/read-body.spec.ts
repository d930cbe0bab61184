import { InvalidInputError } from '../service-error';
import { maxBodyBytes, readJsonBody } from './read-body';

const event = (
  body: string | undefined,
  headers: Record<string, string> = { 'content-type': 'application/json' },
  isBase64Encoded = false,
) => ({ body, headers, isBase64Encoded });

function refusal(read: () => unknown): InvalidInputError {
  try {
    read();
  } catch (error) {
    if (error instanceof InvalidInputError) return error;
    throw error;
  }
  throw new Error('the body was accepted');
}

describe('readJsonBody', () => {
  it('parses JSON text and base64-encoded JSON alike', () => {
    const text = '{"school":"s-1"}';

    expect(readJsonBody(event(text))).toEqual({ school: 's-1' });
    expect(
      readJsonBody(event(Buffer.from(text).toString('base64'), {}, true)),
    ).toEqual({ school: 's-1' });
  });

  it('reads an empty body as an empty object', () => {
    expect(readJsonBody(event(undefined, {}))).toEqual({});
    expect(readJsonBody(event('  \n'))).toEqual({});
  });

  it('refuses text that is not JSON, or not UTF-8', () => {
    const broken = Buffer.from([0x7b, 0xff, 0x7d]).toString('base64');

    expect(refusal(() => readJsonBody(event('{"a":'))).code).toBe(
      'MALFORMED_JSON',
    );
    expect(refusal(() => readJsonBody(event(broken, {}, true))).code).toBe(
      'MALFORMED_JSON',
    );
  });

  it('refuses another media type and an oversized body', () => {
    const form = event('a=1', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    const large = event(JSON.stringify({ a: 'x'.repeat(maxBodyBytes) }));

    expect(refusal(() => readJsonBody(form)).code).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect(refusal(() => readJsonBody(large)).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('accepts JSON media types with parameters and suffixes', () => {
    const body = '{}';

    expect(
      readJsonBody(
        event(body, { 'content-type': 'application/json; charset=utf-8' }),
      ),
    ).toEqual({});
    expect(
      readJsonBody(event(body, { 'content-type': 'application/merge+json' })),
    ).toEqual({});
  });
});
