import type { NextFunction, Request, Response } from 'express';
import { ApiError } from './http-errors';

/**
 * PostgreSQL refuses U+0000 in text and jsonb, and unpaired UTF-16 surrogates in jsonb: a JSON body
 * carrying either would fail deep in a transaction as a 500. Refused at the edge instead, naming where.
 */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what this looks for
const UNSTORABLE = /\u0000|\p{Cs}/u;

/** The dotted path of the first string (value or key) PostgreSQL could not store, or undefined. Iterative: bodies may nest 100,000 deep. */
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

/** Express middleware after the JSON body parser. */
export function refuseUnstorableText(req: Request, _res: Response, next: NextFunction): void {
  const path = unstorableTextPath(req.body);
  if (path === undefined) return next();
  next(new ApiError(400, 'INVALID_TEXT', `${path}: text must not contain U+0000 or unpaired surrogates`, [{ path, message: 'text must not contain U+0000 or unpaired surrogates' }]));
}
