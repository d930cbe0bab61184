/** One `snapshots` sub-command. */
export interface Command {
  summary: string;
  /** Runs with the arguments after the command's name; returns the exit code. */
  run(args: string[]): Promise<number>;
}
