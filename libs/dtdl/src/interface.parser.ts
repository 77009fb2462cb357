import type { DtdlIssue } from './asset-model';
import { readContexts, type Contexts } from './context.parser';
import { interfaceIdProblem } from './dtmi';
import { asArray, at, isObject, type JsonObject } from './json';
import { checkLocalizable, checkPlainString, localized } from './strings';
import { parseContent, type ParsedContent } from './telemetry.parser';

/** DTDL caps the text of one Interface at 1 MiB. */
export const MAX_INTERFACE_CHARS = 1024 * 1024;

const INTERFACE_KEYS = new Set(['@context', '@id', '@type', 'comment', 'contents', 'description', 'displayName', 'extends', 'schemas']);

/** An `extends` entry: a DTMI to look up, or an Interface written inline. */
export type ExtendsEntry = { ref: string; path: string } | { inline: JsonObject; path: string };

export interface ParsedInterface {
  id: string;
  displayName: string | undefined;
  contexts: Contexts;
  extends: ExtendsEntry[];
  contents: ParsedContent[];
}

/**
 * Checks one Interface against the DTDL v3 rules fleettwin relies on and collects its own
 * contents; `extends` is resolved by the loader. Returns null when the element cannot be read as
 * an Interface at all (every reason is in `issues`).
 */
export function parseInterface(raw: unknown, path: string, inherited: Contexts | null, issues: DtdlIssue[]): ParsedInterface | null {
  if (!isObject(raw)) {
    issues.push({ path: path || '(root)', message: 'an Interface must be a JSON object' });
    return null;
  }
  const contexts = readContexts(raw, path, inherited, issues);
  const id = readId(raw, path, issues);
  checkType(raw, path, contexts, issues);
  if (JSON.stringify(raw).length > MAX_INTERFACE_CHARS) issues.push({ path: path || '(root)', message: 'an Interface is at most 1 MiB of text' });
  checkLocalizable(raw.displayName, at(path, 'displayName'), 64, issues);
  checkLocalizable(raw.description, at(path, 'description'), 512, issues);
  checkPlainString(raw.comment, at(path, 'comment'), 512, issues);
  if (contexts && !contexts.hasUnrecognised) checkKeys(raw, path, issues);
  if (!contexts) return null;
  // Contents are read even under a bad id, so one round reports every problem.
  const contents = readContents(raw.contents, at(path, 'contents'), contexts, issues);
  const extendsEntries = readExtends(raw.extends, at(path, 'extends'), issues);
  if (id === null) return null;
  return { id, displayName: localized(raw.displayName), contexts, extends: extendsEntries, contents };
}

function readId(raw: JsonObject, path: string, issues: DtdlIssue[]): string | null {
  if (raw['@id'] === undefined) {
    issues.push({ path: at(path, '@id'), message: '@id is required: the DTMI of the Interface, e.g. "dtmi:com:example:TurbofanEngine;1"' });
    return null;
  }
  const problem = interfaceIdProblem(raw['@id']);
  if (!problem) return raw['@id'] as string;
  issues.push({ path: at(path, '@id'), message: problem });
  return null;
}

function checkType(raw: JsonObject, path: string, contexts: Contexts | null, issues: DtdlIssue[]): void {
  const types = asArray(raw['@type']);
  if (!types.includes('Interface')) {
    issues.push({ path: at(path, '@type'), message: '@type must be "Interface"' });
    return;
  }
  if (contexts?.hasUnrecognised) return;
  types.forEach((t, i) => {
    if (t !== 'Interface') issues.push({ path: at(at(path, '@type'), i), message: `unknown co-type "${String(t)}" for Interface` });
  });
}

function checkKeys(raw: JsonObject, path: string, issues: DtdlIssue[]): void {
  for (const key of Object.keys(raw)) {
    if (!INTERFACE_KEYS.has(key)) issues.push({ path: at(path, key), message: `"${key}" is not an Interface property` });
  }
}

function readContents(value: unknown, path: string, contexts: Contexts, issues: DtdlIssue[]): ParsedContent[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    issues.push({ path, message: 'contents must be an array' });
    return [];
  }
  const contents = value.map((element, i) => parseContent(element, at(path, i), contexts, issues));
  const seen = new Map<string, string>();
  for (const content of contents) {
    if (content.name === null) continue;
    const first = seen.get(content.name);
    if (first) issues.push({ path: at(content.path, 'name'), message: `name "${content.name}" is already used by ${first}` });
    else seen.set(content.name, content.path);
  }
  return contents;
}

function readExtends(value: unknown, path: string, issues: DtdlIssue[]): ExtendsEntry[] {
  if (value === undefined) return [];
  const many = Array.isArray(value);
  return asArray(value).flatMap((entry, i): ExtendsEntry[] => {
    const here = many ? at(path, i) : path;
    if (typeof entry === 'string') return [{ ref: entry, path: here }];
    if (isObject(entry)) return [{ inline: entry, path: here }];
    issues.push({ path: here, message: 'extends takes Interface DTMIs or inline Interfaces' });
    return [];
  });
}
