/** One problem with one environment variable. */
export interface ConfigProblem {
  variable: string;
  reason: string;
}

/**
 * Raised at start-up when the environment does not describe a usable
 * configuration. The message names every offending variable so an operator
 * can fix them all in one go.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      'invalid configuration: ' +
        problems.map((p) => `${p.variable} ${p.reason}`).join('; '),
    );
  }
}
