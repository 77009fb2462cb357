/** The one DTDL context fleettwin reads; it must come first in `@context`. */
export const DTDL_V3_CONTEXT = 'dtmi:dtdl:context;3';
export const DTDL_V2_CONTEXT = 'dtmi:dtdl:context;2';

export const QUANTITATIVE_TYPES_CONTEXT = 'dtmi:dtdl:extension:quantitativeTypes;1';
export const ANNOTATION_CONTEXT = 'dtmi:dtdl:extension:annotation;1';
export const HISTORIZATION_CONTEXT = 'dtmi:dtdl:extension:historization;1';

/**
 * fleettwin's own feature extension. DTDL core gives telemetry no plausible range, so this one
 * adds the adjunct type `Ranged` with `minValue`, `maxValue` and `stuckAfter` (see docs/asset-models.md).
 */
export const FLEETTWIN_RANGE_CONTEXT = 'dtmi:fleettwin:extension:range;1';

/** Adjunct type each extension adds to Telemetry, and the properties it brings. */
export const RANGED = 'Ranged';
export const RANGE_PROPERTIES = ['minValue', 'maxValue', 'stuckAfter'] as const;
export const VALUE_ANNOTATION = 'ValueAnnotation';
export const HISTORIZED = 'Historized';

export const KNOWN_CONTEXTS: ReadonlySet<string> = new Set([
  DTDL_V3_CONTEXT,
  QUANTITATIVE_TYPES_CONTEXT,
  ANNOTATION_CONTEXT,
  HISTORIZATION_CONTEXT,
  FLEETTWIN_RANGE_CONTEXT,
]);
