// Schema failures of a request body as sentences that name the field, what it must be, and the value it was.
import type * as z from 'zod/mini';

type Issue = z.core.$ZodIssue;

/** "eventsPerSecond must be at least 0, got -1; unknown field force" */
export function describeInputIssues(issues: readonly Issue[], input: unknown): string {
  return issues.map((issue) => describeIssue(issue, input)).join('; ');
}

function describeIssue(issue: Issue, input: unknown): string {
  const where = issue.path.length === 0 ? 'the body' : issue.path.join('.');
  const got = `, got ${JSON.stringify(valueAt(input, issue.path)) ?? 'nothing'}`;
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')} in ${where}`;
    case 'invalid_type':
      return `${where} must be ${issue.expected === 'object' ? 'a JSON object' : `a ${issue.expected}`}${got}`;
    case 'invalid_value':
      return `${where} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}${got}`;
    case 'too_small':
      return issue.origin === 'string'
        ? `${where} must have at least ${issue.minimum} characters${got}`
        : `${where} must be at least ${issue.minimum}${got}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `${where} must have at most ${issue.maximum} characters${got}`
        : `${where} must be at most ${issue.maximum}${got}`;
    default:
      return `${where} is invalid${got}`;
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) value = (value as Record<PropertyKey, unknown> | null)?.[key];
  return value;
}
