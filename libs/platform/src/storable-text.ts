import type { NextFunction, Request, Response } from 'express';
import type { FieldIssue } from '@fleettwin/contracts';
import { ApiError } from './http-errors';

/**
 * PostgreSQL refuses U+0000 in text and jsonb, and unpaired UTF-16 surrogates in jsonb: a JSON body
 * carrying either would fail deep in a transaction as a 500. Refused at the edge instead, naming where.
 */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what this looks for
const UNSTORABLE = /\u0000|\p{Cs}/u;

/**
 * No fleettwin body nests anywhere near this deep; JSON.parse takes 100,000 levels, but re-serialising
 * such a body (the gateway forwarding it) overflows the stack.
 */
export const MAX_BODY_DEPTH = 64;

const TEXT_MESSAGE = 'text must not contain U+0000 or unpaired surrogates';

/** The first place in a parsed JSON body a service cannot take: unstorable text (value or key) or nesting beyond {@link MAX_BODY_DEPTH}. Iterative. */
export function unstorableBodyIssue(value: unknown): FieldIssue | undefined {
  const stack: { node: unknown; path: string; depth: number }[] = [{ node: value, path: '', depth: 0 }];
  while (stack.length) {
    const { node, path, depth } = stack.pop() as { node: unknown; path: string; depth: number };
    if (typeof node === 'string') {
      if (UNSTORABLE.test(node)) return { path: path || '(root)', message: TEXT_MESSAGE };
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= MAX_BODY_DEPTH) return { path: path || '(root)', message: `nested deeper than ${MAX_BODY_DEPTH} levels` };
    for (const [key, child] of Object.entries(node)) {
      const childPath = path ? `${path}.${key}` : key;
      if (UNSTORABLE.test(key)) return { path: childPath, message: TEXT_MESSAGE };
      stack.push({ node: child, path: childPath, depth: depth + 1 });
    }
  }
  return undefined;
}

/** The dotted path of the first string (value or key) PostgreSQL could not store, or undefined. */
export function unstorableTextPath(value: unknown): string | undefined {
  const stack: { node: unknown; path: string }[] = [{ node: value, path: '' }];
  while (stack.length) {
    const { node, path } = stack.pop() as { node: unknown; path: string };
    if (typeof node === 'string') {
      if (UNSTORABLE.test(node)) return path || '(root)';
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    for (const [key, child] of Object.entries(node)) {
      const childPath = path ? `${path}.${key}` : key;
      if (UNSTORABLE.test(key)) return childPath;
      stack.push({ node: child, path: childPath });
    }
  }
  return undefined;
}

/** Express middleware after the JSON body parser: 400 `INVALID_BODY` naming where. */
export function refuseUnstorableBody(req: Request, _res: Response, next: NextFunction): void {
  const issue = unstorableBodyIssue(req.body);
  if (!issue) return next();
  next(new ApiError(400, 'INVALID_BODY', `${issue.path}: ${issue.message}`, [issue]));
}
