#!/usr/bin/env node
/**
 * Keeps the admin translated: every message id the admin uses is in translations/en.json, every id
 * there is used, every locale file has the same ids, and no user-visible text is written in the
 * components themselves. Prints each problem as file:line and exits 1.
 *
 *   node scripts/check-translations.mjs
 *
 * What counts as a message id (read from the syntax of admin/src/**\/*.ts(x), not by running it):
 *   - the first argument of `t('id', 'English')`, where `t` is bound to `useTranslate()` or
 *     `useTranslateRich()`, or is a parameter typed `Translate` / `TranslateRich`;
 *   - the first argument of `msg('id', 'English')` (a message kept in a table) and of
 *     `getTranslation('id')`.
 * The English text given next to an id must be the text of en.json, so the two cannot drift. An id
 * built at run time (`t(\`kpi.${name}\`)`) cannot be checked and is refused: name each message.
 *
 * What counts as text written in a component (admin/src, .ts and .tsx):
 *   - a JSX text node with a letter in it;
 *   - a string or template literal with a letter, given as a JSX child or to a prop (or an object
 *     property) named in TEXT_PROPS below, directly or as a branch of `?:`, `&&`, `||` or `??`.
 * A line that must keep its text (a brand name, a command to type) carries `// i18n-ignore: why`
 * (or `{/* i18n-ignore: why *\/}` in JSX) on that line or the line above.
 *
 * When @formatjs/icu-messageformat-parser is installed (react-intl depends on it), every message is
 * parsed too: a broken plural is reported, and a translation must use the same arguments as en.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE_DIR = 'admin/src';
const TRANSLATIONS_DIR = 'admin/src/translations';
const REFERENCE_LOCALE = 'en';
const TEXT_PROPS = new Set([
  'title',
  'subtitle',
  'label',
  'hint',
  'placeholder',
  'aria-label',
  'content',
  'alt',
  'description',
  'error',
  'emptyStateMessage',
  'startAction',
  'endAction',
  'closeLabel',
  'onLabel',
  'offLabel',
  'message',
]);
const TRANSLATE_HOOKS = new Set(['useTranslate', 'useTranslateRich']);
const TRANSLATE_TYPES = new Set(['Translate', 'TranslateRich']);
const KEY_FUNCTIONS = new Set(['msg', 'getTranslation']);
const LETTER = /\p{L}/u;

const problems = [];
const report = (file, line, text) => problems.push({ file, line, text });

function* walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '__tests__') yield* walk(full);
    } else if (/\.tsx?$/.test(entry.name) && !/\.(test|e2e)\.tsx?$/.test(entry.name)) yield full;
  }
}

const isString = (node) => ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node);

/** The names `t` goes by in a file: bound to a translate hook, or a parameter of its type. */
function translatorNames(source) {
  const names = new Set(KEY_FUNCTIONS);
  const visit = (node) => {
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.initializer &&
      ts.isCallExpression(node.initializer) &&
      ts.isIdentifier(node.initializer.expression) &&
      TRANSLATE_HOOKS.has(node.initializer.expression.text)
    )
      names.add(node.name.text);
    if (
      ts.isParameter(node) &&
      ts.isIdentifier(node.name) &&
      node.type &&
      ts.isTypeReferenceNode(node.type) &&
      TRANSLATE_TYPES.has(node.type.typeName.getText(source))
    )
      names.add(node.name.text);
    node.forEachChild(visit);
  };
  visit(source);
  return names;
}

/** The English text given with `getTranslation('id')` in `{ id: …, defaultMessage: '…' }`. */
function siblingDefault(call) {
  const property = call.parent;
  if (!ts.isPropertyAssignment(property) || !ts.isObjectLiteralExpression(property.parent)) return;
  const sibling = property.parent.properties.find(
    (p) => ts.isPropertyAssignment(p) && p.name.getText() === 'defaultMessage'
  );
  return sibling && isString(sibling.initializer) ? sibling.initializer.text : undefined;
}

/** Literal text a user would read, found in an expression (its branches included). */
function literalTexts(expression) {
  if (!expression) return [];
  if (isString(expression)) return [expression];
  if (ts.isTemplateExpression(expression)) return [expression];
  if (ts.isParenthesizedExpression(expression)) return literalTexts(expression.expression);
  if (ts.isConditionalExpression(expression))
    return [...literalTexts(expression.whenTrue), ...literalTexts(expression.whenFalse)];
  if (ts.isBinaryExpression(expression)) {
    const op = expression.operatorToken.kind;
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) return literalTexts(expression.right);
    if (
      op === ts.SyntaxKind.BarBarToken ||
      op === ts.SyntaxKind.QuestionQuestionToken ||
      op === ts.SyntaxKind.PlusToken
    )
      return [...literalTexts(expression.left), ...literalTexts(expression.right)];
  }
  return [];
}

const staticText = (node) =>
  ts.isTemplateExpression(node)
    ? [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ')
    : node.text;

/** Reads one source file: the ids it uses (with their English text) and any text left in it. */
function scanFile(file, uses) {
  const rel = path.relative(root, file);
  const text = fs.readFileSync(file, 'utf8');
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const lines = text.split('\n');
  const lineOf = (node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line;
  const ignored = (node) => {
    const line = lineOf(node);
    return /i18n-ignore/.test(lines[line]) || (line > 0 && /i18n-ignore/.test(lines[line - 1]));
  };
  const untranslated = (node, what) => {
    if (!ignored(node)) report(rel, lineOf(node) + 1, `untranslated ${what}`);
  };
  const checkExpression = (expression, what) => {
    for (const literal of literalTexts(expression))
      if (LETTER.test(staticText(literal)))
        untranslated(literal, `${what}: ${JSON.stringify(literal.getText(source))}`);
  };
  const translators = translatorNames(source);

  const visit = (node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      translators.has(node.expression.text)
    ) {
      const [id, english] = node.arguments;
      const line = lineOf(node) + 1;
      if (id && isString(id)) {
        const defaultMessage =
          node.expression.text === 'getTranslation'
            ? siblingDefault(node)
            : english && isString(english)
              ? english.text
              : undefined;
        uses.push({ key: id.text, file: rel, line, defaultMessage });
      } else if (id && (ts.isTemplateExpression(id) || ts.isBinaryExpression(id))) {
        report(rel, line, `message id built at run time (${id.getText(source)}): name each one`);
      }
    }
    if (ts.isJsxText(node) && LETTER.test(node.text))
      untranslated(node, `JSX text ${JSON.stringify(node.text.trim())}`);
    if (ts.isJsxExpression(node) && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent)))
      checkExpression(node.expression, 'JSX child');
    if (ts.isJsxAttribute(node) && TEXT_PROPS.has(node.name.getText(source))) {
      const value = node.initializer;
      if (value && ts.isStringLiteral(value) && LETTER.test(value.text))
        untranslated(value, `${node.name.getText(source)}="${value.text}"`);
      else if (value && ts.isJsxExpression(value))
        checkExpression(value.expression, node.name.getText(source));
    }
    if (
      ts.isPropertyAssignment(node) &&
      TEXT_PROPS.has(node.name.getText(source).replace(/['"]/g, ''))
    )
      checkExpression(node.initializer, node.name.getText(source));
    node.forEachChild(visit);
  };
  visit(source);
}

/** A locale file's messages, with the line of each id (for the report). */
function readLocale(file) {
  const text = fs.readFileSync(file, 'utf8');
  const messages = JSON.parse(text);
  const lines = text.split('\n');
  const lineOf = (key) => lines.findIndex((l) => l.includes(JSON.stringify(key) + ':')) + 1;
  return { rel: path.relative(root, file), messages, lineOf };
}

/** The arguments a parsed ICU message uses, nested ones included (`{count, plural, … {n} …}`). */
function argumentsOf(elements, names = new Set()) {
  for (const element of elements) {
    if (typeof element.value === 'string' && element.type !== 0 && element.type !== 7)
      names.add(element.value);
    for (const option of Object.values(element.options ?? {})) argumentsOf(option.value, names);
    if (element.children) argumentsOf(element.children, names);
  }
  return names;
}

async function loadParser() {
  try {
    return (await import('@formatjs/icu-messageformat-parser')).parse;
  } catch {
    console.log('(@formatjs/icu-messageformat-parser not installed: message syntax not checked)');
    return null;
  }
}

/** Every locale file against en.json: the same ids, valid messages, the same arguments. */
async function checkLocales(reference, others) {
  const parse = await loadParser();
  const argsOf = (locale, key) => {
    if (!parse) return null;
    try {
      return [...argumentsOf(parse(locale.messages[key]))].sort().join(',');
    } catch (error) {
      report(
        locale.rel,
        locale.lineOf(key),
        `"${key}" is not a valid ICU message: ${error.message}`
      );
      return null;
    }
  };
  const referenceArgs = new Map(
    Object.keys(reference.messages).map((key) => [key, argsOf(reference, key)])
  );
  for (const locale of others) {
    for (const key of Object.keys(locale.messages)) {
      if (!(key in reference.messages)) {
        report(locale.rel, locale.lineOf(key), `"${key}" is not in ${reference.rel}`);
        continue;
      }
      const args = argsOf(locale, key);
      if (args !== null && referenceArgs.get(key) !== null && args !== referenceArgs.get(key))
        report(
          locale.rel,
          locale.lineOf(key),
          `"${key}" uses {${args}}, en.json {${referenceArgs.get(key)}}`
        );
    }
    for (const key of Object.keys(reference.messages))
      if (!(key in locale.messages))
        report(locale.rel, 1, `"${key}" (in ${reference.rel}) is missing`);
  }
}

const translationsDir = path.join(root, TRANSLATIONS_DIR);
const locales = fs
  .readdirSync(translationsDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => readLocale(path.join(translationsDir, f)));
const reference = locales.find((l) => path.basename(l.rel) === `${REFERENCE_LOCALE}.json`);

const uses = [];
for (const file of walk(path.join(root, SOURCE_DIR))) scanFile(file, uses);

const used = new Set(uses.map((u) => u.key));
for (const use of uses) {
  const english = reference.messages[use.key];
  if (english === undefined) report(use.file, use.line, `"${use.key}" is not in ${reference.rel}`);
  else if (use.defaultMessage !== undefined && use.defaultMessage !== english)
    report(use.file, use.line, `"${use.key}": the text here differs from ${reference.rel}`);
}
for (const key of Object.keys(reference.messages))
  if (!used.has(key)) report(reference.rel, reference.lineOf(key), `"${key}" is used nowhere`);
await checkLocales(
  reference,
  locales.filter((l) => l !== reference)
);

problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
for (const p of problems) console.log(`${p.file}:${p.line}: ${p.text}`);
if (problems.length) {
  console.log(`\n${problems.length} translation problem(s).`);
  process.exit(1);
}
console.log(
  `translations: ${Object.keys(reference.messages).length} messages, all used, all in ${locales.length} locale file(s); no untranslated text in ${SOURCE_DIR}.`
);
