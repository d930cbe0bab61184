import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A page on its own origin that embeds `src` in an iframe. */
export async function serveHostPage(
  src: string,
): Promise<{ url: string; stop(): Promise<void> }> {
  const html =
    '<!doctype html><html><body>' +
    `<iframe src="${src.replace(/"/g, '&quot;')}" ` +
    'style="width: 1200px; height: 800px; border: 0"></iframe>' +
    '</body></html>';
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
