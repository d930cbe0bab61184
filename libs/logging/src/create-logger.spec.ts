import { createLogger } from './index';

describe('createLogger', () => {
  it('writes one JSON object a line with the fixed fields', () => {
    const lines: string[] = [];
    const write = jest
      .spyOn(process.stdout, 'write')
      .mockImplementation((chunk: string | Uint8Array) => {
        lines.push(String(chunk));
        return true;
      });
    const logger = createLogger('worker', { workerId: 'w-1' });

    logger.info('job claimed', { snapshotId: 's-1' });
    write.mockRestore();

    const line = JSON.parse(lines.join('')) as Record<string, unknown>;
    expect(line).toMatchObject({
      level: 'INFO',
      message: 'job claimed',
      service: 'worker',
      workerId: 'w-1',
      snapshotId: 's-1',
    });
    expect(typeof line.timestamp).toBe('string');
  });
});
