import type { AssetModel, DtdlIssue, DtdlResult, TelemetryModel } from './asset-model';
import type { Contexts } from './context.parser';
import { dtmiProblem } from './dtmi';
import { isObject } from './json';
import { parseInterface, type ExtendsEntry } from './interface.parser';
import type { ParsedContent } from './telemetry.parser';

/** DTDL limits the `extends` hierarchy to 10 levels and 1024 Interfaces. */
export const MAX_EXTENDS_DEPTH = 10;
export const MAX_EXTENDED_INTERFACES = 1024;

export interface LoadOptions {
  /** Which Interface to load when the document holds several. */
  id?: string;
  /**
   * Finds an Interface the model extends that is not in the document, by DTMI (e.g. one uploaded
   * earlier); undefined when unknown. The caller does any I/O: this library stays pure.
   */
  resolve?: (dtmi: string) => unknown;
}

interface Source {
  raw: unknown;
  path: string;
}

interface Merged {
  telemetry: Array<TelemetryModel & { annotates?: string }>;
  /** Every content name, telemetry or not, with the Interface that defines it. */
  names: Map<string, string>;
}

interface Walk {
  document: Map<string, Source>;
  options: LoadOptions;
  issues: DtdlIssue[];
  merged: Set<string>;
}

/**
 * Reads a DTDL v3 document (one Interface, or an array of them) into the asset model fleettwin
 * uses: the Interface's telemetry with inherited telemetry first. Every problem comes back with
 * its path, all at once, so a modeller fixes a file in one round.
 */
export function loadAssetModel(document: unknown, options: LoadOptions = {}): DtdlResult<AssetModel> {
  const issues: DtdlIssue[] = [];
  const sources = Array.isArray(document) ? document.map((raw, i) => ({ raw, path: String(i) })) : [{ raw: document, path: '' }];
  const byId = new Map<string, Source>();
  for (const source of sources) if (isObject(source.raw) && typeof source.raw['@id'] === 'string') byId.set(source.raw['@id'], source);
  const target = pickTarget(sources, byId, options, issues);
  if (!target) return { ok: false, issues };

  const walk: Walk = { document: byId, options, issues, merged: new Set() };
  const result = loadInterface(target, null, [], walk);
  if (!result || issues.length > 0) return { ok: false, issues };
  return { ok: true, value: result.model };
}

function pickTarget(sources: Source[], byId: Map<string, Source>, options: LoadOptions, issues: DtdlIssue[]): Source | null {
  if (options.id !== undefined) {
    const found = byId.get(options.id);
    if (!found) issues.push({ path: '(root)', message: `the document holds no Interface "${options.id}"` });
    return found ?? null;
  }
  if (sources.length === 1) return sources[0];
  issues.push({ path: '(root)', message: `the document holds ${sources.length} elements: name the Interface to load by its @id` });
  return null;
}

function loadInterface(source: Source, inherited: Contexts | null, stack: readonly string[], walk: Walk): { model: AssetModel; merged: Merged } | null {
  const parsed = parseInterface(source.raw, source.path, inherited, walk.issues);
  if (!parsed) return null;
  const idPath = source.path === '' ? '@id' : `${source.path}.@id`;
  if (stack.includes(parsed.id)) {
    walk.issues.push({ path: idPath, message: `extends loops back: ${[...stack, parsed.id].join(' → ')}` });
    return null;
  }
  if (stack.length >= MAX_EXTENDS_DEPTH) {
    walk.issues.push({ path: idPath, message: `extends is deeper than ${MAX_EXTENDS_DEPTH} levels` });
    return null;
  }
  walk.merged.add(parsed.id);
  if (walk.merged.size > MAX_EXTENDED_INTERFACES) walk.issues.push({ path: idPath, message: `more than ${MAX_EXTENDED_INTERFACES} Interfaces in the extends hierarchy` });

  const merged: Merged = { telemetry: [], names: new Map() };
  const direct: string[] = [];
  for (const entry of parsed.extends) {
    const base = loadBase(entry, parsed.contexts, [...stack, parsed.id], walk);
    if (!base) continue;
    direct.push(base.model.id);
    mergeInto(merged, base.merged, walk.issues, entry.path);
  }
  addOwn(merged, parsed.id, parsed.contents, walk.issues);
  checkAnnotations(merged, parsed.contents, walk.issues);
  const model: AssetModel = { id: parsed.id, displayName: parsed.displayName ?? parsed.id, extends: direct, telemetry: merged.telemetry.map(withoutAnnotates) };
  return { model, merged };
}

function loadBase(entry: ExtendsEntry, contexts: Contexts, stack: readonly string[], walk: Walk): { model: AssetModel; merged: Merged } | null {
  if ('inline' in entry) return loadInterface({ raw: entry.inline, path: entry.path }, contexts, stack, walk);
  const problem = dtmiProblem(entry.ref);
  if (problem) {
    walk.issues.push({ path: entry.path, message: problem });
    return null;
  }
  if (stack.includes(entry.ref)) {
    walk.issues.push({ path: entry.path, message: `extends loops back: ${[...stack, entry.ref].join(' → ')}` });
    return null;
  }
  const source = walk.document.get(entry.ref) ?? resolved(entry.ref, walk.options);
  if (!source) {
    walk.issues.push({ path: entry.path, message: `extends "${entry.ref}", which is neither in this document nor a known model` });
    return null;
  }
  return loadInterface(source, null, stack, walk);
}

function resolved(ref: string, options: LoadOptions): Source | undefined {
  const raw = options.resolve?.(ref);
  return raw === undefined ? undefined : { raw, path: `[${ref}]` };
}

/** A base reached twice (a diamond) contributes once; the same name from two different Interfaces is a clash. */
function mergeInto(target: Merged, base: Merged, issues: DtdlIssue[], path: string): void {
  for (const [name, origin] of base.names) {
    const existing = target.names.get(name);
    if (existing === undefined) target.names.set(name, origin);
    else if (existing !== origin) issues.push({ path, message: `name "${name}" comes from both ${existing} and ${origin}` });
  }
  for (const telemetry of base.telemetry) if (!target.telemetry.some((t) => t.name === telemetry.name)) target.telemetry.push(telemetry);
}

function addOwn(merged: Merged, id: string, contents: readonly ParsedContent[], issues: DtdlIssue[]): void {
  for (const content of contents) {
    if (content.name === null) continue;
    const inheritedFrom = merged.names.get(content.name);
    if (inheritedFrom !== undefined && inheritedFrom !== id) {
      issues.push({ path: `${content.path}.name`, message: `name "${content.name}" is already defined by ${inheritedFrom}, which this Interface extends` });
      continue;
    }
    merged.names.set(content.name, id);
    if (content.telemetry) merged.telemetry.push(content.telemetry);
  }
}

function checkAnnotations(merged: Merged, contents: readonly ParsedContent[], issues: DtdlIssue[]): void {
  for (const content of contents) {
    const annotates = content.telemetry?.annotates;
    if (annotates !== undefined && !merged.names.has(annotates)) {
      issues.push({ path: `${content.path}.annotates`, message: `annotates "${annotates}", which is not a Property or Telemetry of this Interface` });
    }
  }
}

function withoutAnnotates(telemetry: TelemetryModel & { annotates?: string }): TelemetryModel {
  const { annotates: _annotates, ...model } = telemetry;
  return model;
}
