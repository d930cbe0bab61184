import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { LocalStackError } from '../local-stack-error';

/** One HTTP request, read in full. */
export interface HttpExchange {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface HttpReply {
  status: number;
  contentType: string;
  body: string;
}

export type AnswerRequest = (exchange: HttpExchange) => Promise<HttpReply>;

export interface LoopbackServer {
  endpoint: string;
  close(): Promise<void>;
}

// Large enough for any Step Functions payload (256 KiB) with room to spare.
const maxBodyBytes = 1024 * 1024;

/**
 * Serves `answer` on the loopback interface, on a free port unless one is
 * given. The protocol modules stay free of sockets and streams: they turn
 * a request into a reply and nothing else.
 */
export async function startLoopbackServer(
  service: string,
  answer: AnswerRequest,
  port = 0,
): Promise<LoopbackServer> {
  const server = createServer((request, response) => {
    readBody(request)
      .then((body) =>
        answer({
          method: request.method ?? 'GET',
          url: request.url ?? '/',
          headers: request.headers,
          body,
        }),
      )
      .catch((error: unknown): HttpReply => ({
        status: 500,
        contentType: 'text/plain',
        body: `${service}: ${String(error)}`,
      }))
      .then((reply) => {
        response.writeHead(reply.status, {
          'content-type': reply.contentType,
          'content-length': Buffer.byteLength(reply.body),
        });
        response.end(reply.body);
      }, response.destroy.bind(response));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (cause) =>
      reject(new LocalStackError(`${service} did not start`, { cause })),
    );
    server.listen(port, '127.0.0.1', resolve);
  });

  const address = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    if (size > maxBodyBytes) {
      throw new LocalStackError(`request body over ${maxBodyBytes} bytes`);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8');
}
