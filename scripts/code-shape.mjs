#!/usr/bin/env node
/**
 * `npm run lint` step: the size limits of docs/ARCHITECTURE.md ("Habits") — no server module over
 * 250 lines and no function over 60 lines outside tests. Prints each offender and exits 1.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAX_MODULE_LINES = 250;
const MAX_FUNCTION_LINES = 60;
const DIRS = ['server/src', 'admin/src', 'shared', 'bin'];
const isSource = (f) =>
  /\.(ts|tsx|js|mjs)$/.test(f) && !/\.(test|e2e)\.tsx?$/.test(f) && !f.includes('__tests__');

function* walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (isSource(full)) yield full;
  }
}

const isNamedFunction = (node) =>
  ts.isFunctionLike(node) &&
  'body' in node &&
  !!node.body &&
  (!(ts.isArrowFunction(node) || ts.isFunctionExpression(node)) ||
    ts.isVariableDeclaration(node.parent) ||
    ts.isPropertyAssignment(node.parent));

const problems = [];
for (const dir of DIRS) {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) continue;
  for (const file of walk(abs)) {
    const rel = path.relative(root, file);
    const text = fs.readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const lines = source.getLineAndCharacterOfPosition(text.length).line + 1;
    if (rel.startsWith('server/') && lines > MAX_MODULE_LINES)
      problems.push(`${rel}: ${lines} lines (max ${MAX_MODULE_LINES})`);
    const visit = (node) => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body) {
        const start = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        const end = source.getLineAndCharacterOfPosition(node.end).line + 1;
        // A factory made of named inner functions counts its own lines only; a callback passed
        // inline (`.map((row) => …)`) counts as part of the function it is written in.
        let inner = 0;
        node.body.forEachChild(function count(child) {
          if (isNamedFunction(child)) {
            inner +=
              source.getLineAndCharacterOfPosition(child.end).line -
              source.getLineAndCharacterOfPosition(child.getStart()).line +
              1;
          } else child.forEachChild(count);
        });
        const own = end - start + 1 - inner;
        if (own > MAX_FUNCTION_LINES) {
          const name =
            node.name?.getText() ??
            (ts.isVariableDeclaration(node.parent) ? node.parent.name.getText() : '(anonymous)');
          problems.push(`${rel}:${start} ${name}: ${own} lines (max ${MAX_FUNCTION_LINES})`);
        }
      }
      node.forEachChild(visit);
    };
    visit(source);
  }
}
for (const p of problems) console.log(p);
if (problems.length) {
  console.log(`\n${problems.length} over the size limits.`);
  process.exit(1);
}
console.log('code shape: every server module within 250 lines, every function within 60.');
