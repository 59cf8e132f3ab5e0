/** Attribute types whose value can stand in a prompt as text. */
const TEXT_TYPES = new Set([
  'string',
  'text',
  'richtext',
  'email',
  'uid',
  'enumeration',
  'integer',
  'biginteger',
  'float',
  'decimal',
  'boolean',
  'date',
  'datetime',
  'time',
]);

/** The text of a Blocks field: its text nodes, one paragraph per line. */
function blocksText(nodes: unknown): string {
  if (!Array.isArray(nodes)) return '';
  const line = (node: { text?: unknown; children?: unknown } | null): string =>
    typeof node?.text === 'string'
      ? node.text
      : Array.isArray(node?.children)
        ? node.children.map(line).join('')
        : '';
  return nodes.map(line).join('\n');
}

/**
 * A content entry's fields as task template variables: `{{title}}`, `{{body}}`, … Scalar fields
 * become text, Blocks fields their plain text; relations, media, components and JSON are left out.
 */
export function entryVariables(
  entry: Record<string, unknown>,
  attributes: Record<string, { type?: string }>
): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    const value = entry[name];
    if (value === null || value === undefined) continue;
    if (attribute.type === 'blocks') variables[name] = blocksText(value);
    else if (attribute.type && TEXT_TYPES.has(attribute.type)) variables[name] = String(value);
  }
  if (typeof entry.documentId === 'string') variables.documentId = entry.documentId;
  if (typeof entry.locale === 'string') variables.locale = entry.locale;
  return variables;
}
