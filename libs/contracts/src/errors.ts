import { z } from 'zod';

/** The one error body every HTTP API answers with. */
export const ApiErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

export interface FieldIssue {
  path: string;
  message: string;
}

/** A refusal names at most this many fields: a 5,000-frame batch of bad frames must not answer with megabytes. */
export const MAX_REPORTED_ISSUES = 100;

/** Flattens a zod error into `path: message` pairs that name the bad field. */
export function describeIssues(error: z.ZodError): FieldIssue[] {
  return flattenIssues(error).slice(0, MAX_REPORTED_ISSUES);
}

function flattenIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'invalid_union') {
      // Report the branch the caller most plausibly meant: the one that got furthest.
      const best = [...issue.unionErrors].sort((a, b) => depth(b) - depth(a))[0];
      if (best) return flattenIssues(best);
    }
    return [{ path: issue.path.join('.') || '(root)', message: issue.message }];
  });
}

/**
 * How far a union branch got: its deepest issue, less a little per issue, so a long array of bad
 * items (deep but many issues) still beats a branch that failed at its first level.
 */
function depth(error: z.ZodError): number {
  const deepest = error.issues.reduce((max, i) => Math.max(max, i.path.length), 0);
  return deepest - Math.min(error.issues.length, 999) / 1000;
}

/** Dead-letter record value: why it was refused and the original bytes, base64. */
export const DeadLetter = z.object({
  reason: z.string(),
  details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  source: z.string(),
  origin: z.string(),
  receivedAt: z.string(),
  originalBase64: z.string(),
});
export type DeadLetter = z.infer<typeof DeadLetter>;
