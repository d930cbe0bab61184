import { join } from 'node:path';
import { workspaceRoot } from '@snapshots/embedded-service';

/**
 * Where `serve` and `batch` keep the embedded service's data between runs,
 * so a second batch finds the snapshots of the first.
 */
export const defaultServiceFolder = join(workspaceRoot, 'tmp', 'service');
