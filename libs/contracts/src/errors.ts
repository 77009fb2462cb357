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

/** Flattens a zod error into `path: message` pairs that name the bad field. */
export function describeIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'invalid_union') {
      // Report the branch the caller most plausibly meant: the one that got furthest.
      const best = [...issue.unionErrors].sort((a, b) => depth(b) - depth(a))[0];
      if (best) return describeIssues(best);
    }
    return [{ path: issue.path.join('.') || '(root)', message: issue.message }];
  });
}

function depth(error: z.ZodError): number {
  return Math.max(0, ...error.issues.map((i) => i.path.length)) - error.issues.length / 1000;
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
