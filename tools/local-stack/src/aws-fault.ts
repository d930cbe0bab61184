import { LocalStackError } from './local-stack-error';

/**
 * A request that a stand-in refuses. The protocol layer answers it in the
 * service's own error shape, so the SDK client raises the typed exception
 * named by `code` (e.g. `ExecutionDoesNotExist`, `ValidationError`).
 */
export class AwsFault extends LocalStackError {
  override readonly name: string = 'AwsFault';

  constructor(
    readonly code: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
  }
}
