import { LlmError } from './errors';

/** A task's template needs values the entry or the request did not give: the caller's input is at fault. */
export class MissingVariablesError extends LlmError {
  constructor(readonly missing: string[]) {
    super('invalid_request', `Missing task variable(s): ${missing.join(', ')}`, {
      exposable: true,
    });
  }
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w.]*)\s*\}\}/g;

export interface TemplateVariable {
  name: string;
  default?: string;
}

/** A task's `variables` JSON: ["text", {"name": "tone", "default": "neutral"}]. */
export function declaredVariables(raw: unknown): TemplateVariable[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item) => {
    if (typeof item === 'string') return [{ name: item }];
    if (item && typeof item === 'object' && typeof (item as TemplateVariable).name === 'string')
      return [item as TemplateVariable];
    return [];
  });
}

/**
 * Fills `{{name}}` placeholders; a placeholder with no value and no default is a clear 400. Only
 * the caller's own variables count: `{{constructor}}` or `{{__proto__}}` are missing variables, not
 * whatever an object inherits.
 */
export function renderTemplate(
  template: string,
  values: Record<string, unknown>,
  declared: TemplateVariable[] = []
): string {
  const defaults = new Map(
    declared.filter((v) => v.default !== undefined).map((v) => [v.name, v.default])
  );
  const own = (name: string) => (Object.hasOwn(values, name) ? values[name] : undefined);
  const missing = new Set<string>();
  const rendered = template.replace(PLACEHOLDER, (_, name: string) => {
    const value = own(name) ?? defaults.get(name);
    if (value === undefined || value === null) {
      missing.add(name);
      return '';
    }
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
  if (missing.size > 0) throw new MissingVariablesError([...missing]);
  return rendered;
}
