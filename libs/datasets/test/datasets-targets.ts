import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A database the integration tests run against. */
export interface DatasetsTarget {
  name: string;
  url: string;
}

const mysqlUrl = process.env['MYSQL_TEST_URL'];

/**
 * MYSQL_TEST_URL with a database of this suite's own (`<name>_datasets`),
 * so that other suites seeding the same server do not race these tests.
 */
function ownDatabase(url: string): string {
  const own = new URL(url);
  own.pathname = `${own.pathname.replace(/^\//, '') || 'snapshots_test'}_datasets`;
  return own.toString();
}

/**
 * SQLite always (a file, as in the demo, so transactions use their own
 * connection); MySQL/MariaDB when MYSQL_TEST_URL names one.
 */
export function datasetsTargets(): DatasetsTarget[] {
  const folder = mkdtempSync(join(tmpdir(), 'datasets-test-'));
  const targets = [{ name: 'sqlite', url: `sqlite:${folder}/datasets.sqlite` }];
  if (mysqlUrl) {
    targets.push({ name: 'mysql', url: ownDatabase(mysqlUrl) });
  } else {
    console.warn(
      'MYSQL_TEST_URL is not set: skipping the MySQL datasets tests ' +
        '(e.g. MYSQL_TEST_URL=mysql://root@127.0.0.1:3306/snapshots_test)',
    );
  }
  return targets;
}
