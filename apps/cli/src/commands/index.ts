import type { Command } from './command';
import { demo } from './demo';

export const commands: Record<string, Command> = {
  demo,
};
