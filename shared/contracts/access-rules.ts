/** What a call may do, as an allow-list names it (a call's capabilities are derived from its service). */
export const CAPABILITIES = [
  'chat',
  'vision',
  'tools',
  'embeddings',
  'image',
  'speech',
  'transcription',
  'translation',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** Whose calls a rule restricts: the members of an admin role, or the calls made with one API token. */
export const SUBJECT_KINDS = ['role', 'apiToken'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** A rule as the admin edits it: null = any (no restriction on that axis). */
export interface AccessRuleInput {
  configurations: number[] | null;
  capabilities: Capability[] | null;
}

export interface AccessRule extends AccessRuleInput {
  subjectKind: SubjectKind;
  subjectId: number;
}

/** One role or API token, with its rule (null = unrestricted). Tokens by name only, never their keys. */
export interface AccessSubject {
  kind: SubjectKind;
  id: number;
  name: string;
  rule: AccessRuleInput | null;
}

/** GET /llm/access-rules */
export declare namespace ListAccessRules {
  interface Request {
    query: Record<string, never>;
  }
  interface Response {
    data: AccessSubject[];
    meta: { configurations: Array<{ id: number; name: string }> };
  }
}

/** PUT /llm/access-rules/:subjectKind/:subjectId */
export declare namespace PutAccessRule {
  interface Request {
    params: { subjectKind: SubjectKind; subjectId: string };
    body: AccessRuleInput;
  }
  interface Response {
    data: AccessRule;
  }
}

/** DELETE /llm/access-rules/:subjectKind/:subjectId: the subject is unrestricted again. */
export declare namespace DeleteAccessRule {
  interface Response {
    data: { subjectKind: SubjectKind; subjectId: number };
  }
}
