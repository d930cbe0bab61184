import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SamConfigError } from './deploy-error';
import { samConfigTarget } from './sam-config';

const samconfig = readFileSync(
  join(__dirname, '../../../samconfig.toml'),
  'utf8',
);

describe('samConfigTarget', () => {
  it.each(['dev', 'staging', 'prod'])(
    'finds a stack and region for %s in samconfig.toml',
    (environment) => {
      const target = samConfigTarget(samconfig, environment);

      expect(target.stackName).toBe(`quicksight-snapshots-${environment}`);
      expect(target.region).toMatch(/^[a-z]{2}-[a-z]+-\d$/);
    },
  );

  it('names the environments it has when asked for another', () => {
    expect(() => samConfigTarget(samconfig, 'qa')).toThrow(
      new SamConfigError(
        'qa',
        'no such section; environments: dev, staging, prod',
      ),
    );
  });

  it('names a missing field', () => {
    const config = '[dev.deploy.parameters]\nregion = "eu-west-1"\n';

    expect(() => samConfigTarget(config, 'dev')).toThrow(/missing stack_name/);
  });
});
