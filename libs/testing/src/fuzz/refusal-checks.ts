import type { ApiErrorBody } from '@fleettwin/contracts';
import type { RawResponse } from './http-client';

export class PropertyBroken extends Error {}

function describe(res: RawResponse, what: string): string {
  return `${what}: answered ${res.status} ${res.text.slice(0, 400)}`;
}

/** The error body every fleettwin API answers with, or a failure saying what came instead. */
export function errorBodyOf(res: RawResponse): ApiErrorBody['error'] {
  let body: Partial<ApiErrorBody> | undefined;
  try {
    body = JSON.parse(res.text) as Partial<ApiErrorBody>;
  } catch {
    throw new PropertyBroken(describe(res, 'a refusal without a JSON error body'));
  }
  const error = body?.error;
  if (!error || typeof error.code !== 'string' || !error.code || typeof error.message !== 'string' || !error.message) {
    throw new PropertyBroken(describe(res, 'a refusal without {error: {code, message}}'));
  }
  return error;
}

/** No crash, no 5xx: the first property of every fuzzed edge. Returns the status label to count. */
export function expectNoServerError(res: RawResponse, what: string): string {
  if (res.status >= 500 || res.status < 200) throw new PropertyBroken(describe(res, `${what} must never fail the server`));
  return `status:${res.status}`;
}

/** A refusal is a 4xx with a code and a message; when the bad field is known, a detail or the message names it. */
export function expectPreciseRefusal(res: RawResponse, what: string, field?: string): ApiErrorBody['error'] {
  if (res.status < 400 || res.status >= 500) throw new PropertyBroken(describe(res, `${what} must be refused with a 4xx`));
  const error = errorBodyOf(res);
  if (field !== undefined && !namesField(error, field)) throw new PropertyBroken(describe(res, `${what}: the refusal must name ${field || '(root)'}`));
  return error;
}

/**
 * A path names a field when one is the other or lies inside it (`frames.2` names `frames.2.ts`,
 * and `frames.2.ts` names `frames.2`), or when the message mentions its last segment.
 */
export function namesField(error: ApiErrorBody['error'], field: string): boolean {
  const related = (path: string) => {
    const p = path === '(root)' ? '' : path;
    if (field === '') return true;
    return p === field || (p !== '' && field.startsWith(`${p}.`)) || p.startsWith(`${field}.`);
  };
  if (error.details?.some((d) => related(d.path))) return true;
  const last = field.split('.').pop() ?? '';
  return last !== '' && Number.isNaN(Number(last)) && error.message.includes(last);
}
