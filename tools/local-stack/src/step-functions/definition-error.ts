import { LocalStackError } from '../local-stack-error';

/** A state machine that cannot be registered, with the reason why. */
export class DefinitionError extends LocalStackError {
  override readonly name: string = 'DefinitionError';

  constructor(
    readonly stateMachineArn: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${stateMachineArn}: ${message}`, options);
  }
}
