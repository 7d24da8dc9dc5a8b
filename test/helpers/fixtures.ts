// Reads test fixtures from the source tree (tests run from dist/, fixtures stay in test/fixtures).
import * as fs from 'fs';
import * as path from 'path';

/** The repository root: tests are run from it (npm test), whatever dist folder they were compiled to. */
export const repoRoot = process.cwd();

export function fixturePath(kind: string, name: string): string {
  return path.join(repoRoot, 'test', 'fixtures', kind, name);
}

export function fixture(kind: string, name: string): string {
  return fs.readFileSync(fixturePath(kind, name), 'utf8');
}

export function fixtureNames(kind: string): string[] {
  return fs.readdirSync(path.join(repoRoot, 'test', 'fixtures', kind)).sort();
}
