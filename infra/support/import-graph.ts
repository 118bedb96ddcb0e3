import fs from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from './compose-file';

export interface ImportGraph {
  /** Repository files (relative, `/`-separated) that running the entry point loads or locates. */
  files: Set<string>;
  /** npm packages it loads. */
  packages: Set<string>;
  /** npm packages it only locates (`require.resolve`): files it serves, or tools it starts. */
  located: Set<string>;
}

const EXTENSIONS = ['', '.ts', '.tsx', '.js', '.cjs', '.mjs', '.json', '/index.ts', '/index.js'];

function resolveLocal(fromFile: string, specifier: string): string {
  const base = path.resolve(path.dirname(fromFile), specifier);
  const candidates = EXTENSIONS.map((ext) => base + ext).concat(base.replace(/\.js$/, '.ts'));
  const found = candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
  if (!found) throw new Error(`${path.relative(REPO_ROOT, fromFile)}: cannot resolve "${specifier}"`);
  return found;
}

const packageName = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/** Specifiers a file loads at run time: imports and re-exports (not type-only), require, import(). */
function runtimeSpecifiers(file: string): { loads: string[]; locates: string[] } {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const loads: string[] = [];
  const locates: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) {
      loads.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly) {
      loads.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isCallExpression(node) && node.arguments.length === 1) {
      const [arg] = node.arguments;
      const callee = node.expression.getText(source);
      if (arg && ts.isStringLiteral(arg)) {
        if (callee === 'require' || node.expression.kind === ts.SyntaxKind.ImportKeyword)
          loads.push(arg.text);
        if (callee === 'require.resolve') locates.push(arg.text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { loads, locates };
}

/**
 * What running an entry point through tsx needs, found by following its imports, including what
 * the code only locates: `require.resolve('../workflows')` (the worker bundles that folder) or
 * `require.resolve('swagger-ui-dist/package.json')` (the API serves its files).
 */
export function importGraph(entry: string): ImportGraph {
  const files = new Set<string>();
  const packages = new Set<string>();
  const located = new Set<string>();
  const pending = [path.join(REPO_ROOT, entry)];
  while (pending.length > 0) {
    const file = pending.pop()!;
    const relative = path.relative(REPO_ROOT, file).split(path.sep).join('/');
    if (files.has(relative)) continue;
    files.add(relative);
    if (file.endsWith('.json')) continue;
    const { loads, locates } = runtimeSpecifiers(file);
    for (const specifier of [...loads, ...locates]) {
      if (specifier.startsWith('.')) pending.push(resolveLocal(file, specifier));
      else if (!isBuiltin(specifier)) {
        (loads.includes(specifier) ? packages : located).add(packageName(specifier));
      }
    }
  }
  for (const name of packages) located.delete(name);
  return { files, packages, located };
}
