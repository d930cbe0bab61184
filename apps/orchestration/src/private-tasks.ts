import {
  privateTaskDependenciesFromEnvironment,
  type PrivateTaskDependencies,
} from '@snapshots/snapshot-service';

type PrivateTask = 'dispatchPrivate' | 'markFailed';

const wired = new Map<PrivateTask, PrivateTaskDependencies>();

/**
 * What one private-flow handler needs, read from the environment on first
 * use and kept for the life of the Lambda container.
 */
export function privateTasks(task: PrivateTask): PrivateTaskDependencies {
  let dependencies = wired.get(task);
  if (!dependencies) {
    dependencies = privateTaskDependenciesFromEnvironment(process.env, {
      task,
    });
    wired.set(task, dependencies);
  }
  return dependencies;
}
