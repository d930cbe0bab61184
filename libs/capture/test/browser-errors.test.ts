import { createServer } from 'node:net';

import { HostAllowList } from '@snapshots/quicksight-url';

import {
  BrowserProtocolError,
  CaptureError,
  CapturePool,
  InvalidPoolOptionsError,
} from '../src';
import { chromiumProcesses } from './support/browser-processes';
import { recordingLogger } from './support/quiet-logger';
import { pngJob } from './support/report-target';

/** An address on this machine where nothing listens. */
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') {
    throw new Error('no port');
  }
  return `http://127.0.0.1:${address.port}`;
}

describe('errors from the browser and from bad options', () => {
  it('translates a navigation the browser cannot connect, keeping its error', async () => {
    const origin = await closedPort();
    const pool = await CapturePool.launch({
      slots: 1,
      allowList: new HostAllowList([origin]),
      logger: recordingLogger().logger,
    });
    try {
      const attempt = pool.capture(
        pngJob(
          `${origin}/embed/secret-token/dashboards/a?code=1#p.School=s-1`,
          { School: ['s-1'] },
        ),
      );

      await expect(attempt).rejects.toThrow(BrowserProtocolError);
      const error = (await attempt.catch((e: unknown) => e)) as Error;
      expect(error).toBeInstanceOf(CaptureError);
      expect(error).toMatchObject({ step: 'open' });
      expect(error.cause).toBeInstanceOf(Error);
      expect((error.cause as Error).message).toMatch(/ERR_CONNECTION_REFUSED/);
      expect(error.message).toMatch(/ERR_CONNECTION_REFUSED/);
      // The embed token stays out of a message that ends up in a record.
      expect(error.message).not.toContain('secret-token');
    } finally {
      await pool.close();
    }
  });

  it('refuses bad options in its own family, before any browser starts', async () => {
    const launch = CapturePool.launch({
      slots: 0,
      allowList: new HostAllowList(['http://127.0.0.1:1']),
      logger: recordingLogger().logger,
    });

    await expect(launch).rejects.toThrow(InvalidPoolOptionsError);
    await expect(launch).rejects.toThrow(/slots must be a whole number/);
    expect(chromiumProcesses()).toEqual([]);
  });
});
