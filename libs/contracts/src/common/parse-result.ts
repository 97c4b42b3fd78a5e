import { z } from 'zod';

/** The outcome of validating an untrusted value against a contract schema. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: string[] };

/** Renders zod issues as stable `path: message` lines (`(root)` for the value itself). */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const path = issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.');
    return `${path}: ${issue.message}`;
  });
}

/** Validates `value` with `schema` without throwing; every problem is listed, not just the first. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
): ParseResult<z.output<S>> {
  const result = schema.safeParse(value);
  if (result.success) {
    return { ok: true, value: result.data };
  }
  return { ok: false, issues: formatIssues(result.error.issues) };
}
