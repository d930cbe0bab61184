import type { IncomingMessage } from 'node:http';
import { RequestError } from '../report-server-error';

const maxBodyBytes = 64 * 1024;

/** Reads a small JSON request body; anything else is a 400. */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBodyBytes) {
      throw new RequestError(413, 'INVALID_REQUEST', 'the body is too large');
    }
    chunks.push(buffer);
  }

  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch (error) {
    throw new RequestError(400, 'INVALID_REQUEST', 'the body is not JSON', [], {
      cause: error,
    });
  }
}
