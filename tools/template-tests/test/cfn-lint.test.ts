import { spawnSync } from 'node:child_process';
import { workspaceRoot } from './support/stack';

// AWS's cfn-lint (Python, with the SAM translator) is the linter here, not
// the retired `cfn-lint` npm package, whose 2019 specification knows
// neither HTTP APIs, state machines nor arm64 Lambdas (docs/deploy.md).
// The Python module is called by name, so that no other `cfn-lint` command
// on the PATH can stand in for it; .ci/run installs it.
const runCfnLint = [
  '-c',
  'import sys; from cfnlint.runner import main; ' +
    'sys.argv = ["cfn-lint", "--", "template.yaml"]; sys.exit(main())',
];
// cfn-lint's exit code is a bit mask: 2 errors, 4 warnings, 8 information.
const errorsOrWarnings = 2 | 4;

describe('cfn-lint', () => {
  it('finds no error and no warning in template.yaml', () => {
    const run = spawnSync('python3', runCfnLint, {
      cwd: workspaceRoot,
      encoding: 'utf8',
    });
    if (run.error || /No module named/.test(run.stderr)) {
      throw new Error(
        'AWS cfn-lint is not installed for python3 (pip install cfn-lint): ' +
          (run.error?.message ?? run.stderr),
      );
    }

    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).not.toBeNull();
    expect((run.status ?? 0) & errorsOrWarnings).toBe(0);
  }, 120_000);
});
