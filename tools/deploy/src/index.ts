export {
  DeployError,
  TemplateError,
  SamConfigError,
  CommandFailedError,
} from './deploy-error';
export {
  parseCloudFormation,
  type CloudFormationTemplate,
  type TemplateResource,
} from './cloudformation-yaml';
export {
  stackInventory,
  type StackInventory,
  type DeployedFunction,
  type DeployedStateMachine,
  type WorkerGroup,
} from './stack-inventory';
export { samConfigTarget, type DeployTarget } from './sam-config';
export {
  stackOutput,
  stackOutputsIn,
  type DeployPlan,
  type DeployStep,
} from './deploy-plan';
export { planDeploy, type ChangeSet, type PlanInput } from './plan-deploy';
export { renderPlan, shellWord } from './render-plan';
export { collectChanges, type Revisions } from './collect-changes';
export { executePlan, type ExecuteOptions } from './execute-plan';
export { workerBundle, stackFiles } from './worker-bundle';
