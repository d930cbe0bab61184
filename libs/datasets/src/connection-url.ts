import { resolve } from 'node:path';
import { InvalidDatasetsUrlError } from './datasets-error';

/** Where the datasets live, as read from a connection URL. */
export type DatasetsLocation =
  | { dialect: 'sqlite'; storage: string }
  | { dialect: 'mysql'; url: string; database: string };

/** The embedded default: a SQLite file under the working folder's tmp/. */
export function defaultDatasetsUrl(): string {
  return `sqlite:${resolve('tmp', 'datasets.sqlite')}`;
}

/**
 * Reads `sqlite::memory:`, `sqlite:<path>` (relative or absolute, also
 * `sqlite://<path>`) and `mysql://user:pass@host:port/db` (or `mariadb://`,
 * which speaks the same protocol as far as mysql2 is concerned).
 *
 * @example parseDatasetsUrl('sqlite::memory:') // { dialect: 'sqlite', ... }
 */
export function parseDatasetsUrl(url: string): DatasetsLocation {
  const trimmed = url.trim();

  if (trimmed.startsWith('sqlite:')) {
    const rest = trimmed.slice('sqlite:'.length).replace(/^\/\//, '');
    if (rest === '') {
      throw new InvalidDatasetsUrlError(url, 'names no SQLite file');
    }
    return {
      dialect: 'sqlite',
      storage: rest === ':memory:' ? ':memory:' : resolve(rest),
    };
  }

  if (/^(mysql|mariadb):\/\//.test(trimmed)) {
    return parseMysqlUrl(url, trimmed);
  }

  throw new InvalidDatasetsUrlError(
    url,
    'expected sqlite:<path>, sqlite::memory: or mysql://...',
  );
}

function parseMysqlUrl(original: string, url: string): DatasetsLocation {
  let parsed: URL;
  try {
    parsed = new URL(url.replace(/^mariadb:/, 'mysql:'));
  } catch {
    throw new InvalidDatasetsUrlError(original, 'is not a URL');
  }

  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_$]+$/.test(database)) {
    throw new InvalidDatasetsUrlError(
      original,
      'needs a database name of letters, digits and _ after the host',
    );
  }
  return { dialect: 'mysql', url: parsed.toString(), database };
}
