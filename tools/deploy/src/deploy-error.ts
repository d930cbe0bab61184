/** Base of the deploy tool's errors. */
export class DeployError extends Error {
  override readonly name: string = 'DeployError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** template.yaml is not valid YAML or lacks what the plan needs. */
export class TemplateError extends DeployError {
  override readonly name: string = 'TemplateError';

  constructor(
    readonly where: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`template ${where}: ${message}`, options);
  }
}

/** samconfig.toml has no usable section for the environment. */
export class SamConfigError extends DeployError {
  override readonly name: string = 'SamConfigError';

  constructor(
    readonly environment: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`samconfig.toml [${environment}]: ${message}`, options);
  }
}

/** A child process (git, nx, sam, aws) failed. */
export class CommandFailedError extends DeployError {
  override readonly name: string = 'CommandFailedError';

  constructor(
    readonly argv: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
    options?: { cause?: unknown },
  ) {
    const detail = stderr.trim().split('\n').slice(-5).join('\n');
    super(
      `\`${argv.join(' ')}\` failed` +
        (exitCode === null ? '' : ` with exit code ${exitCode}`) +
        (detail ? `:\n${detail}` : ''),
      options,
    );
  }
}
