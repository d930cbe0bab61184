import { spawnLocalStack, type SpawnedLocalStack } from './spawn-local-stack';

/**
 * Gives a jest test file its own local stack: started before the first
 * test, pointed at by `process.env` (so clients built by the code under
 * test find it), and stopped after the last.
 *
 * @example
 * const stack = useLocalStack();
 * it('writes', async () => { createClients(); ... stack().environment });
 */
export function useLocalStack(
  options: { dataDir?: string } = {},
): () => SpawnedLocalStack {
  let stack: SpawnedLocalStack | undefined;
  const saved = { ...process.env };

  beforeAll(async () => {
    stack = await spawnLocalStack(options);
    Object.assign(process.env, stack.environment);
  }, 30_000);

  afterAll(async () => {
    await stack?.stop();
    process.env = saved;
  });

  return () => {
    if (!stack) throw new Error('the local stack starts in beforeAll');
    return stack;
  };
}
