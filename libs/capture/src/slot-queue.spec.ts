import { SlotQueue } from './slot-queue';

const never = new AbortController().signal;

describe('SlotQueue', () => {
  it('serves waiting requests in order as slots come back', async () => {
    const queue = new SlotQueue(['a']);
    const first = await queue.acquire(never);
    const order: string[] = [];

    const second = queue.acquire(never).then((slot) => {
      order.push('second');
      return slot;
    });
    const third = queue.acquire(never).then((slot) => {
      order.push('third');
      return slot;
    });
    queue.release(first);
    queue.release(await second);
    await third;

    expect(order).toEqual(['second', 'third']);
  });

  it('prefers a slot the caller asks for', async () => {
    const queue = new SlotQueue(['a', 'b', 'c']);

    const slot = await queue.acquire(never, (candidate) => candidate === 'a');

    expect(slot).toBe('a');
  });

  it('runs exclusive work only when every slot is back', async () => {
    const queue = new SlotQueue(['a', 'b']);
    const held = await queue.acquire(never);
    let ran = false;

    const work = queue.exclusive(() => {
      ran = true;
      return Promise.resolve();
    });
    const waiting = queue.acquire(never);
    await Promise.resolve();
    expect(ran).toBe(false);

    queue.release(held);
    await work;
    expect(ran).toBe(true);
    await expect(waiting).resolves.toBeDefined();
  });

  it('drops a request whose caller gave up', async () => {
    const queue = new SlotQueue(['a']);
    const held = await queue.acquire(never);
    const caller = new AbortController();

    const waiting = queue.acquire(caller.signal);
    caller.abort(new Error('gave up'));
    await expect(waiting).rejects.toThrow('gave up');

    queue.release(held);
    await expect(queue.acquire(never)).resolves.toBe('a');
  });

  it('refuses everything once closed', async () => {
    const queue = new SlotQueue(['a']);
    const held = await queue.acquire(never);
    const waiting = queue.acquire(never);

    queue.close(new Error('closed'));

    await expect(waiting).rejects.toThrow('closed');
    await expect(queue.acquire(never)).rejects.toThrow('closed');
    const drained = queue.drained();
    queue.release(held);
    await expect(drained).resolves.toBeUndefined();
  });
});
