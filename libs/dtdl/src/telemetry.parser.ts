import type { DtdlIssue, TelemetryModel, TelemetrySchema } from './asset-model';
import { TELEMETRY_SCHEMAS } from './asset-model';
import type { Contexts } from './context.parser';
import {
  ANNOTATION_CONTEXT, FLEETTWIN_RANGE_CONTEXT, HISTORIZATION_CONTEXT, HISTORIZED, QUANTITATIVE_TYPES_CONTEXT, RANGE_PROPERTIES, RANGED, VALUE_ANNOTATION,
} from './contexts';
import { dtmiProblem } from './dtmi';
import { at, isObject, type JsonObject } from './json';
import { checkLocalizable, checkPlainString, checkName } from './strings';
import { isSemanticType, SEMANTIC_TYPE_UNITS } from './quantitative-types';

export const CONTENT_TYPES = ['Telemetry', 'Property', 'Command', 'Relationship', 'Component'] as const;

/** A content element as the Interface parser needs it: every kind has a name; telemetry has more. */
export interface ParsedContent {
  name: string | null;
  path: string;
  telemetry: (TelemetryModel & { annotates?: string }) | null;
}

const TELEMETRY_KEYS = ['@type', '@id', 'comment', 'description', 'displayName', 'name', 'schema'];
const OTHER_PRIMITIVES = ['date', 'dateTime', 'duration', 'string', 'time', 'lineString', 'multiLineString', 'multiPoint', 'multiPolygon', 'point', 'polygon'];

interface CoTypes {
  semanticType?: string;
  ranged: boolean;
  annotation: boolean;
}

/**
 * Reads one element of `contents`. Only Telemetry is read in full, because telemetry is what the
 * twin ingests; Properties, Commands, Relationships and Components are checked for their name
 * (names are unique across all contents) and otherwise passed over.
 */
export function parseContent(raw: unknown, path: string, contexts: Contexts, issues: DtdlIssue[]): ParsedContent {
  if (!isObject(raw)) {
    issues.push({ path, message: 'a contents element must be an object' });
    return { name: null, path, telemetry: null };
  }
  const types = readTypes(raw, path, issues);
  const primary = types.filter((t) => (CONTENT_TYPES as readonly string[]).includes(t));
  const name = checkName(raw.name, at(path, 'name'), issues) ? (raw.name as string) : null;
  if (primary.length !== 1) {
    issues.push({ path: at(path, '@type'), message: `@type must include exactly one of ${CONTENT_TYPES.join(', ')}` });
    return { name, path, telemetry: null };
  }
  if (primary[0] !== 'Telemetry') return { name, path, telemetry: null };
  const coTypes = readCoTypes(types.filter((t) => t !== 'Telemetry'), path, contexts, issues);
  checkKeys(raw, path, coTypes, contexts, issues);
  checkCommon(raw, path, issues);
  const schema = readSchema(raw.schema, at(path, 'schema'), coTypes, issues);
  const telemetry = schema && name ? buildTelemetry(raw, path, name, schema, coTypes, issues) : null;
  return { name, path, telemetry };
}

function readTypes(raw: JsonObject, path: string, issues: DtdlIssue[]): string[] {
  const value = raw['@type'];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((t): t is string => typeof t === 'string')) return value;
  issues.push({ path: at(path, '@type'), message: '@type is required: a string or a non-empty array of strings' });
  return [];
}

function readCoTypes(coTypes: string[], path: string, contexts: Contexts, issues: DtdlIssue[]): CoTypes {
  const found: CoTypes = { ranged: false, annotation: false };
  const needs = (context: string, type: string) => {
    if (!contexts.has(context)) issues.push({ path: at(path, '@type'), message: `co-type "${type}" needs "${context}" in @context` });
  };
  for (const type of coTypes) {
    if (isSemanticType(type)) {
      needs(QUANTITATIVE_TYPES_CONTEXT, type);
      if (found.semanticType) issues.push({ path: at(path, '@type'), message: `only one semantic type per element: "${found.semanticType}" and "${type}"` });
      found.semanticType = type;
    } else if (type === RANGED) {
      needs(FLEETTWIN_RANGE_CONTEXT, type);
      found.ranged = true;
    } else if (type === VALUE_ANNOTATION) {
      needs(ANNOTATION_CONTEXT, type);
      found.annotation = true;
    } else if (type === HISTORIZED) {
      needs(HISTORIZATION_CONTEXT, type);
    } else if (!contexts.hasUnrecognised) {
      issues.push({ path: at(path, '@type'), message: `unknown co-type "${type}" for Telemetry` });
    }
  }
  return found;
}

function checkKeys(raw: JsonObject, path: string, coTypes: CoTypes, contexts: Contexts, issues: DtdlIssue[]): void {
  const allowed = new Set(TELEMETRY_KEYS);
  if (coTypes.semanticType) allowed.add('unit');
  if (coTypes.ranged) RANGE_PROPERTIES.forEach((p) => allowed.add(p));
  if (coTypes.annotation) allowed.add('annotates');
  for (const key of Object.keys(raw)) {
    if (allowed.has(key)) continue;
    if ((RANGE_PROPERTIES as readonly string[]).includes(key)) {
      issues.push({ path: at(path, key), message: `${key} needs @type to include "${RANGED}" (extension "${FLEETTWIN_RANGE_CONTEXT}")` });
    } else if (key === 'unit') {
      issues.push({ path: at(path, key), message: 'unit needs a QuantitativeTypes semantic type in @type, e.g. ["Telemetry", "Temperature"]' });
    } else if (!contexts.hasUnrecognised) {
      issues.push({ path: at(path, key), message: `"${key}" is not a Telemetry property` });
    }
  }
}

function checkCommon(raw: JsonObject, path: string, issues: DtdlIssue[]): void {
  if (raw['@id'] !== undefined) {
    const problem = dtmiProblem(raw['@id']);
    if (problem) issues.push({ path: at(path, '@id'), message: problem });
  }
  checkLocalizable(raw.displayName, at(path, 'displayName'), 64, issues);
  checkLocalizable(raw.description, at(path, 'description'), 512, issues);
  checkPlainString(raw.comment, at(path, 'comment'), 512, issues);
}

function readSchema(value: unknown, path: string, coTypes: CoTypes, issues: DtdlIssue[]): TelemetrySchema | null {
  if (value === undefined) {
    issues.push({ path, message: `schema is required: one of ${TELEMETRY_SCHEMAS.join(', ')}` });
    return null;
  }
  if (typeof value === 'string' && (TELEMETRY_SCHEMAS as readonly string[]).includes(value)) {
    const schema = value as TelemetrySchema;
    if (schema === 'boolean' && (coTypes.semanticType || coTypes.ranged)) {
      issues.push({ path, message: `a ${coTypes.semanticType ?? RANGED} telemetry needs a numeric schema (double, float, integer, long), not boolean` });
    }
    return schema;
  }
  const what = typeof value === 'string' && OTHER_PRIMITIVES.includes(value) ? `"${value}" is valid DTDL but` : isObject(value) || (typeof value === 'string' && value.startsWith('dtmi:')) ? 'a complex schema' : `"${String(value)}"`;
  issues.push({ path, message: `${what} cannot carry a sensor reading; fleettwin telemetry is one of ${TELEMETRY_SCHEMAS.join(', ')}` });
  return null;
}

function buildTelemetry(raw: JsonObject, path: string, name: string, schema: TelemetrySchema, coTypes: CoTypes, issues: DtdlIssue[]): TelemetryModel & { annotates?: string } {
  const telemetry: TelemetryModel & { annotates?: string } = { name, schema };
  if (coTypes.semanticType) {
    telemetry.semanticType = coTypes.semanticType;
    const unit = readUnit(raw.unit, at(path, 'unit'), coTypes.semanticType, issues);
    if (unit) telemetry.unit = unit;
  }
  if (coTypes.ranged) Object.assign(telemetry, readRange(raw, path, issues));
  if (coTypes.annotation) {
    if (typeof raw.annotates === 'string') telemetry.annotates = raw.annotates;
    else issues.push({ path: at(path, 'annotates'), message: 'annotates is required with ValueAnnotation: the name of a sibling Property or Telemetry' });
  }
  return telemetry;
}

function readUnit(value: unknown, path: string, semanticType: string, issues: DtdlIssue[]): string | undefined {
  if (value === undefined) return undefined;
  const units = SEMANTIC_TYPE_UNITS[semanticType] ?? [];
  if (typeof value === 'string' && units.includes(value)) return value;
  issues.push({ path, message: `unit of a ${semanticType} must be one of ${units.join(', ')}` });
  return undefined;
}

function readRange(raw: JsonObject, path: string, issues: DtdlIssue[]): Pick<TelemetryModel, 'min' | 'max' | 'stuckAfter'> {
  const range: Pick<TelemetryModel, 'min' | 'max' | 'stuckAfter'> = {};
  if (RANGE_PROPERTIES.every((key) => raw[key] === undefined)) {
    issues.push({ path, message: `a ${RANGED} telemetry needs minValue, maxValue or stuckAfter` });
  }
  for (const [key, field] of [['minValue', 'min'], ['maxValue', 'max']] as const) {
    const value = raw[key];
    if (value === undefined) continue;
    if (typeof value === 'number' && Number.isFinite(value)) range[field] = value;
    else issues.push({ path: at(path, key), message: `${key} must be a finite number` });
  }
  if (range.min !== undefined && range.max !== undefined && range.min > range.max) {
    issues.push({ path: at(path, 'maxValue'), message: `maxValue ${range.max} is below minValue ${range.min}` });
  }
  const stuckAfter = raw.stuckAfter;
  if (stuckAfter === undefined) return range;
  // 0 marks a sensor that is constant by design: never flag it as stuck.
  if (typeof stuckAfter === 'number' && Number.isInteger(stuckAfter) && stuckAfter >= 0) range.stuckAfter = stuckAfter === 0 ? null : stuckAfter;
  else issues.push({ path: at(path, 'stuckAfter'), message: 'stuckAfter must be a whole number of frames, 0 for never' });
  return range;
}
