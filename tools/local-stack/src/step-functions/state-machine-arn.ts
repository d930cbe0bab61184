import { AwsFault } from '../aws-fault';

const stateMachinePattern =
  /^arn:aws[a-z-]*:states:([a-z0-9-]+):(\d{12}):stateMachine:([^:]{1,80})$/;
const executionPattern =
  /^arn:aws[a-z-]*:states:([a-z0-9-]+):(\d{12}):execution:([^:]{1,80}):([^:]{1,80})$/;

/** The name at the end of a state machine ARN; throws `InvalidArn`. */
export function stateMachineName(arn: string): string {
  const match = stateMachinePattern.exec(arn);
  if (!match?.[3]) throw new AwsFault('InvalidArn', `Invalid Arn: '${arn}'`);
  return match[3];
}

/** `arn:...:execution:<machine>:<name>` for a run of a state machine. */
export function executionArn(stateMachineArn: string, name: string): string {
  return stateMachineArn.replace(
    /:stateMachine:([^:]+)$/,
    `:execution:$1:${name}`,
  );
}

/** Throws `InvalidArn` unless `arn` names an execution. */
export function assertExecutionArn(arn: string): void {
  if (!executionPattern.test(arn)) {
    throw new AwsFault('InvalidArn', `Invalid Arn: '${arn}'`);
  }
}

/**
 * Execution names follow the service's rule: 1 to 80 characters, none of
 * white space, brackets, wildcards, or `"#%\^|~`$&,;:/`, nor controls.
 */
export function assertExecutionName(name: string): void {
  // eslint-disable-next-line no-control-regex -- the rule excludes controls
  const forbidden = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/;
  if (name.length < 1 || name.length > 80 || forbidden.test(name)) {
    throw new AwsFault('InvalidName', `Invalid Name: '${name}'`);
  }
}
