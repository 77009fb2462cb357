import type { DtdlIssue } from './asset-model';
import { DTDL_V2_CONTEXT, DTDL_V3_CONTEXT, KNOWN_CONTEXTS } from './contexts';
import { dtmiProblem } from './dtmi';
import { at, type JsonObject } from './json';

export interface Contexts {
  list: readonly string[];
  has(context: string): boolean;
  /**
   * A model may name extensions fleettwin does not know. DTDL says a tool then ignores the
   * adjunct types and properties it does not recognise, so unknown terms stop being errors.
   */
  hasUnrecognised: boolean;
}

export function contextsOf(list: readonly string[]): Contexts {
  return { list, has: (c) => list.includes(c), hasUnrecognised: list.some((c) => !KNOWN_CONTEXTS.has(c)) };
}

/** The element's own `@context`, or the one it inherits from the element around it. */
export function readContexts(raw: JsonObject, path: string, inherited: Contexts | null, issues: DtdlIssue[]): Contexts | null {
  const value = raw['@context'];
  const here = at(path, '@context');
  if (value === undefined) {
    if (inherited) return inherited;
    issues.push({ path: here, message: `@context is required: "${DTDL_V3_CONTEXT}" (then any extension contexts)` });
    return null;
  }
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || !list.every((c): c is string => typeof c === 'string')) {
    issues.push({ path: here, message: '@context must be a string or a non-empty array of strings' });
    return null;
  }
  const firstPath = typeof value === 'string' ? here : at(here, 0);
  if (list[0] === DTDL_V2_CONTEXT) {
    issues.push({ path: firstPath, message: `this is a DTDL v2 model; fleettwin reads DTDL v3 ("${DTDL_V3_CONTEXT}")` });
    return null;
  }
  if (list[0] !== DTDL_V3_CONTEXT) {
    issues.push({ path: firstPath, message: `the DTDL context "${DTDL_V3_CONTEXT}" must come first in @context` });
    return null;
  }
  list.slice(1).forEach((c, i) => {
    const problem = dtmiProblem(c);
    if (problem) issues.push({ path: at(here, i + 1), message: `extension context ${problem}` });
  });
  return contextsOf(list);
}
