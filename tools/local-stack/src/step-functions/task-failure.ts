/**
 * A failed task as the state machine sees it: `name` is the ASL error that
 * Retry and Catch match (`States.HeartbeatTimeout`, or whatever a worker
 * sent with SendTaskFailure), `message` its cause. It belongs to the run,
 * not to this library's error family: the interpreter reads only these two
 * fields.
 */
export class TaskFailure extends Error {
  override readonly name: string;

  constructor(error: string, cause: string) {
    super(cause);
    this.name = error;
  }
}
