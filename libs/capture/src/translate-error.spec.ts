import { HostNotAllowedError } from '@snapshots/quicksight-url';

import { BrowserProtocolError, CaptureTimeoutError } from './capture-error';
import { asCaptureError } from './translate-error';

describe('asCaptureError', () => {
  it('passes the engine’s own errors and the allow-list’s unchanged', () => {
    const timeout = new CaptureTimeoutError('wait-ready', 1_000);
    const refused = new HostNotAllowedError('https://evil.io/x');

    expect(asCaptureError(timeout, 'wait-ready')).toBe(timeout);
    expect(asCaptureError(refused, 'open')).toBe(refused);
  });

  it('wraps a browser error, keeping it as the cause', () => {
    const failure = new Error(
      'net::ERR_CONNECTION_REFUSED at http://127.0.0.1:9/embed/t0ken/d#p.A=1',
    );

    const error = asCaptureError(failure, 'open');

    expect(error).toBeInstanceOf(BrowserProtocolError);
    expect(error).toMatchObject({ step: 'open', cause: failure });
    expect(error.message).toBe(
      'browser call failed in step open: ' +
        'net::ERR_CONNECTION_REFUSED at http://127.0.0.1:9',
    );
  });

  it('wraps what is not even an Error', () => {
    const error = asCaptureError('target closed');

    expect(error).toBeInstanceOf(BrowserProtocolError);
    expect(error.message).toBe('browser call failed: target closed');
  });
});
