import { batch } from './batch';
import { bench } from './bench';
import type { Command } from './command';
import { demo } from './demo';
import { drills } from './drills';
import { serve } from './serve';
import { token } from './token';

export const commands: Record<string, Command> = {
  demo,
  batch,
  serve,
  token,
  drills,
  bench,
};
