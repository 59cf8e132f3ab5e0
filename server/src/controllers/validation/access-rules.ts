import { errors } from '@strapi/utils';
import {
  CAPABILITIES,
  SUBJECT_KINDS,
  type AccessRuleInput,
  type Capability,
  type SubjectKind,
} from '../../../../shared/contracts/access-rules';
import { recordId } from '../../db/record-id';
import { validate, yup } from './validate';

const BODY_MESSAGE =
  'The request body must be an access rule: { configurations: ids or null, capabilities: names or null }';
const CAPABILITY_MESSAGE = `capabilities must be null or a list of: ${CAPABILITIES.join(', ')}`;
const CONFIGURATIONS_MESSAGE = 'configurations must be null or a list of configuration ids';

/** A list on one axis of a rule: null (any), or at most `max` distinct values. */
const axis = <T extends yup.AnySchema>(of: T, message: string, max: number) =>
  yup
    .array()
    // As sent: a non-strict array casts text it cannot parse to null, which would mean "any".
    .strict()
    .of(of)
    .nullable()
    .typeError(message)
    // Both axes are always sent: null says "any" on purpose, a missing key is a mistake.
    .test('defined', message, (list) => list !== undefined)
    .max(max, message)
    .test('distinct', message, (list) => !list || new Set(list).size === list.length);

const RULE_SCHEMA = yup
  .object({
    configurations: axis(
      yup
        .number()
        .strict()
        .integer()
        .min(1)
        .max(2 ** 31 - 1)
        .typeError(CONFIGURATIONS_MESSAGE),
      CONFIGURATIONS_MESSAGE,
      1000
    ),
    capabilities: axis(
      yup
        .string()
        .strict()
        .oneOf([...CAPABILITIES], CAPABILITY_MESSAGE),
      CAPABILITY_MESSAGE,
      CAPABILITIES.length
    ),
  })
  .noUnknown(true, BODY_MESSAGE)
  .typeError(BODY_MESSAGE)
  .required(BODY_MESSAGE);

/** The rule's subject from the route: a known kind and a record id (anything else names no subject). */
export function subjectOf(kind: unknown, id: unknown): { kind: SubjectKind; id: number } {
  const subjectId = recordId(id);
  if (!SUBJECT_KINDS.includes(kind as SubjectKind) || subjectId === null)
    throw new errors.NotFoundError(`No role or API token ${String(kind)}/${String(id)}`);
  return { kind: kind as SubjectKind, id: subjectId };
}

/** Checks a rule as the admin's form sends it; every problem is a 400 naming its field. */
export async function validateAccessRule(body: unknown): Promise<AccessRuleInput> {
  const valid = await validate(RULE_SCHEMA, body ?? null);
  return {
    configurations: valid.configurations
      ? [...(valid.configurations as number[])].sort((a, b) => a - b)
      : null,
    capabilities: valid.capabilities
      ? CAPABILITIES.filter((c) => (valid.capabilities as Capability[]).includes(c))
      : null,
  };
}
