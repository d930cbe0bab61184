import { resolve } from 'node:path';
import { parseDatasetsUrl } from './connection-url';
import { InvalidDatasetsUrlError } from './datasets-error';

describe('parseDatasetsUrl', () => {
  it('reads an in-memory SQLite URL', () => {
    expect(parseDatasetsUrl('sqlite::memory:')).toEqual({
      dialect: 'sqlite',
      storage: ':memory:',
    });
  });

  it('resolves a relative SQLite path against the working folder', () => {
    expect(parseDatasetsUrl('sqlite:tmp/x.sqlite')).toEqual({
      dialect: 'sqlite',
      storage: resolve('tmp/x.sqlite'),
    });
    expect(parseDatasetsUrl('sqlite:///var/x.sqlite')).toEqual({
      dialect: 'sqlite',
      storage: '/var/x.sqlite',
    });
  });

  it('reads a MySQL or MariaDB URL and its database name', () => {
    expect(
      parseDatasetsUrl('mariadb://root:pw@127.0.0.1:3306/snapshots'),
    ).toMatchObject({ dialect: 'mysql', database: 'snapshots' });
  });

  it.each([
    'postgres://x/y',
    'sqlite:',
    'mysql://root@127.0.0.1:3306/',
    'mysql://root@127.0.0.1:3306/bad-name',
  ])('rejects %s', (url) => {
    expect(() => parseDatasetsUrl(url)).toThrow(InvalidDatasetsUrlError);
  });

  it('never puts a password in its message', () => {
    expect(() => parseDatasetsUrl('mysql://u:secret@h/')).toThrow(/u:\*\*\*@h/);
  });
});
