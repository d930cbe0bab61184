import type {
  CloudFormationTemplate,
  TemplateResource,
} from './cloudformation-yaml';
import { TemplateError } from './deploy-error';

/** A Lambda function whose code is one Nx build output. */
export interface DeployedFunction {
  logicalId: string;
  /** Nx project that builds it, e.g. `snapshot-api`. */
  project: string;
  /** Handler name, the folder under dist/apps/<project>/. */
  handler: string;
  codeUri: string;
}

export interface DeployedStateMachine {
  logicalId: string;
  definitionUri: string;
}

export interface WorkerGroup {
  logicalId: string;
  /** Group name; `${AWS::StackName}` stands for the stack's name. */
  nameTemplate: string;
}

/** What the template deploys, in the terms a deploy plan needs. */
export interface StackInventory {
  functions: DeployedFunction[];
  stateMachines: DeployedStateMachine[];
  workerGroups: WorkerGroup[];
}

const codeUriPattern = /^dist\/apps\/([a-z0-9-]+)\/([a-z0-9-]+)\/?$/;

/**
 * Reads the functions, state machines and worker groups out of a parsed
 * template, so that the deploy plan follows the template instead of a
 * second list kept by hand.
 */
export function stackInventory(
  template: CloudFormationTemplate,
): StackInventory {
  const inventory: StackInventory = {
    functions: [],
    stateMachines: [],
    workerGroups: [],
  };

  for (const [logicalId, resource] of Object.entries(
    template.Resources ?? {},
  )) {
    switch (resource.Type) {
      case 'AWS::Serverless::Function':
        inventory.functions.push(deployedFunction(logicalId, resource));
        break;
      case 'AWS::Serverless::StateMachine':
        inventory.stateMachines.push({
          logicalId,
          definitionUri: stringProperty(logicalId, resource, 'DefinitionUri'),
        });
        break;
      case 'AWS::AutoScaling::AutoScalingGroup':
        inventory.workerGroups.push({
          logicalId,
          nameTemplate: groupName(logicalId, resource),
        });
        break;
    }
  }
  return inventory;
}

function deployedFunction(
  logicalId: string,
  resource: TemplateResource,
): DeployedFunction {
  const codeUri = stringProperty(logicalId, resource, 'CodeUri');
  const match = codeUriPattern.exec(codeUri);
  if (!match) {
    throw new TemplateError(
      logicalId,
      `CodeUri ${codeUri} is not an Nx output dist/apps/<project>/<handler>`,
    );
  }
  const [, project = '', handler = ''] = match;
  return { logicalId, project, handler, codeUri };
}

function groupName(logicalId: string, resource: TemplateResource): string {
  const name = resource.Properties?.AutoScalingGroupName;
  const template =
    typeof name === 'object' && name !== null && 'Fn::Sub' in name
      ? name['Fn::Sub']
      : name;
  if (typeof template !== 'string') {
    // An instance refresh needs the group's name before the stack answers.
    throw new TemplateError(
      logicalId,
      'needs AutoScalingGroupName as a string or a !Sub of one',
    );
  }
  return template;
}

function stringProperty(
  logicalId: string,
  resource: TemplateResource,
  property: string,
): string {
  const value = resource.Properties?.[property];
  if (typeof value !== 'string') {
    throw new TemplateError(logicalId, `needs ${property} as a plain path`);
  }
  return value;
}
