import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { workspaceRoot } from './tiny-workspace';

const projectKinds = ['apps', 'libs', 'tools'];

/** Every TypeScript file under the project folders, node_modules aside. */
function typeScriptFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      return entry.name === 'node_modules' ? [] : typeScriptFiles(path);
    }
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** `{workspaceRoot}/…` inputs that name one file rather than a pattern. */
function workspaceFileInputs(settings: unknown): string[] {
  const found: string[] = [];
  JSON.stringify(settings, (_, value: unknown) => {
    if (
      typeof value === 'string' &&
      value.startsWith('{workspaceRoot}/') &&
      !/[*{}]/.test(value.slice('{workspaceRoot}/'.length))
    ) {
      found.push(value.slice('{workspaceRoot}/'.length));
    }
    return value;
  });
  return found;
}

describe('workspace settings', () => {
  it('type-check every TypeScript file of apps, libs and tools', () => {
    const configPath = join(workspaceRoot, 'tsconfig.check.json');
    const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
    const checked = new Set(
      ts.parseJsonConfigFileContent(config, ts.sys, workspaceRoot).fileNames,
    );

    const unchecked = projectKinds
      .flatMap((kind) => typeScriptFiles(join(workspaceRoot, kind)))
      .filter((file) => !checked.has(file))
      .map((file) => relative(workspaceRoot, file));

    expect(checked.size).toBeGreaterThan(100);
    expect(unchecked).toEqual([]);
  });

  it('name only workspace files that exist as task inputs', () => {
    const projectFiles = projectKinds.flatMap((kind) =>
      readdirSync(join(workspaceRoot, kind)).map((name) =>
        join(kind, name, 'project.json'),
      ),
    );
    const inputs = ['nx.json', ...projectFiles]
      .filter((file) => existsSync(join(workspaceRoot, file)))
      .flatMap((file) =>
        workspaceFileInputs(readJson(join(workspaceRoot, file))).map(
          (input) => `${file}: ${input}`,
        ),
      );

    const missing = inputs.filter(
      (line) => !existsSync(join(workspaceRoot, line.split(': ')[1] ?? '')),
    );

    expect(inputs.length).toBeGreaterThan(3);
    expect(missing).toEqual([]);
  });
});
