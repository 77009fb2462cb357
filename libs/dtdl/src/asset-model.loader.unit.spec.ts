import { loadAssetModel, type LoadOptions } from './asset-model.loader';
import type { AssetModel, DtdlIssue } from './asset-model';

const V3 = 'dtmi:dtdl:context;3';
const QT = 'dtmi:dtdl:extension:quantitativeTypes;1';
const RANGE = 'dtmi:fleettwin:extension:range;1';

type Json = Record<string, unknown>;

function iface(contents: Json[], extra: Json = {}): Json {
  return { '@context': [V3, QT, RANGE], '@id': 'dtmi:com:example:Pump;1', '@type': 'Interface', displayName: 'Pump', contents, ...extra };
}

function given(document: unknown, options?: LoadOptions) {
  const result = loadAssetModel(document, options);
  return {
    thenModel: (check: (model: AssetModel) => void) => {
      expect(result).toMatchObject({ ok: true });
      if (result.ok) check(result.value);
    },
    thenIssues: (...expected: Array<Partial<DtdlIssue>>) => {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues).toEqual(expected.map((e) => expect.objectContaining(e)));
    },
    thenIssueAt: (path: string, message: RegExp) => {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues).toContainEqual({ path, message: expect.stringMatching(message) });
    },
  };
}

describe('loading a DTDL v3 Interface', () => {
  it('given a valid Interface, yields its telemetry with semantic type, unit and range', () => {
    given(
      iface([
        { '@type': ['Telemetry', 'Temperature', 'Ranged'], name: 'bearingTemp', schema: 'double', unit: 'degreeCelsius', minValue: -40, maxValue: 150, stuckAfter: 20 },
        { '@type': 'Telemetry', name: 'running', schema: 'boolean' },
        { '@type': ['Telemetry', 'Ranged'], name: 'ratedFlow', schema: 'integer', minValue: 0, stuckAfter: 0 },
        { '@type': 'Property', name: 'serialNumber', schema: 'string' },
      ]),
    ).thenModel((model) =>
      expect(model).toEqual({
        id: 'dtmi:com:example:Pump;1',
        displayName: 'Pump',
        extends: [],
        telemetry: [
          { name: 'bearingTemp', schema: 'double', semanticType: 'Temperature', unit: 'degreeCelsius', min: -40, max: 150, stuckAfter: 20 },
          { name: 'running', schema: 'boolean' },
          { name: 'ratedFlow', schema: 'integer', min: 0, stuckAfter: null },
        ],
      }),
    );
  });

  it('takes the English display name from a language map, and falls back to the id', () => {
    given(iface([], { displayName: { it: 'Pompa', en: 'Pump' } })).thenModel((m) => expect(m.displayName).toBe('Pump'));
    given(iface([], { displayName: undefined })).thenModel((m) => expect(m.displayName).toBe('dtmi:com:example:Pump;1'));
  });

  it('requires the DTDL v3 context, first', () => {
    given({ ...iface([]), '@context': undefined }).thenIssueAt('@context', /required/);
    given({ ...iface([]), '@context': 'dtmi:dtdl:context;2' }).thenIssueAt('@context', /DTDL v2/);
    given({ ...iface([]), '@context': [QT, V3] }).thenIssueAt('@context.0', /must come first/);
    given({ ...iface([]), '@context': [V3, 'not a dtmi'] }).thenIssueAt('@context.1', /not a DTMI/);
  });

  it('checks the Interface id: a user DTMI of at most 128 characters outside the reserved prefixes', () => {
    given(iface([], { '@id': 'dtmi:com:example:Pump;01' })).thenIssueAt('@id', /not a DTMI/);
    given(iface([], { '@id': 'dtmi:com:_example:Pump;1' })).thenIssueAt('@id', /system DTMI/);
    given(iface([], { '@id': 'dtmi:dtdl:Pump;1' })).thenIssueAt('@id', /reserved/);
    given(iface([], { '@id': `dtmi:com:${'a'.repeat(130)};1` })).thenIssueAt('@id', /128/);
    given(iface([], { '@id': undefined })).thenIssueAt('@id', /required/);
    given(iface([], { '@type': 'Thing' })).thenIssueAt('@type', /Interface/);
  });

  it('checks telemetry names: DTDL identifier rules and unique across all contents', () => {
    given(iface([{ '@type': 'Telemetry', name: 'bad-name', schema: 'double' }])).thenIssueAt('contents.0.name', /letters, digits or "_"/);
    given(iface([{ '@type': 'Telemetry', name: 'trailing_', schema: 'double' }])).thenIssueAt('contents.0.name', /end with a letter or digit/);
    given(iface([{ '@type': 'Telemetry', schema: 'double' }])).thenIssueAt('contents.0.name', /required/);
    given(
      iface([
        { '@type': 'Property', name: 'flow', schema: 'double' },
        { '@type': 'Telemetry', name: 'flow', schema: 'double' },
      ]),
    ).thenIssues({ path: 'contents.1.name', message: 'name "flow" is already used by contents.0' });
  });

  it('accepts numeric and boolean telemetry only, and says why another schema is refused', () => {
    given(iface([{ '@type': 'Telemetry', name: 'phase', schema: 'string' }])).thenIssueAt('contents.0.schema', /"string" is valid DTDL but cannot carry a sensor reading/);
    given(iface([{ '@type': 'Telemetry', name: 'xyz', schema: { '@type': 'Object', fields: [] } }])).thenIssueAt('contents.0.schema', /complex schema/);
    given(iface([{ '@type': 'Telemetry', name: 'x' }])).thenIssueAt('contents.0.schema', /required/);
  });

  it('checks semantic types and units against the QuantitativeTypes extension', () => {
    given(iface([{ '@type': ['Telemetry', 'Temperature'], name: 't', schema: 'double', unit: 'degreeRankine' }])).thenIssueAt('contents.0.unit', /degreeCelsius, degreeFahrenheit, kelvin/);
    given(iface([{ '@type': 'Telemetry', name: 't', schema: 'double', unit: 'kelvin' }])).thenIssueAt('contents.0.unit', /semantic type/);
    given(iface([{ '@type': ['Telemetry', 'Temperature'], name: 't', schema: 'boolean' }])).thenIssueAt('contents.0.schema', /numeric/);
    given(iface([{ '@type': ['Telemetry', 'Temperature'], name: 't', schema: 'double' }], { '@context': V3 })).thenIssueAt('contents.0.@type', /needs "dtmi:dtdl:extension:quantitativeTypes;1"/);
  });

  it('checks the fleettwin range extension', () => {
    given(iface([{ '@type': 'Telemetry', name: 't', schema: 'double', minValue: 0 }])).thenIssueAt('contents.0.minValue', /needs @type to include "Ranged"/);
    given(iface([{ '@type': ['Telemetry', 'Ranged'], name: 't', schema: 'double', minValue: 0 }], { '@context': V3 })).thenIssueAt('contents.0.@type', /dtmi:fleettwin:extension:range;1/);
    given(iface([{ '@type': ['Telemetry', 'Ranged'], name: 't', schema: 'double', minValue: 10, maxValue: 5 }])).thenIssueAt('contents.0.maxValue', /below minValue/);
    given(iface([{ '@type': ['Telemetry', 'Ranged'], name: 't', schema: 'double', stuckAfter: -1 }])).thenIssueAt('contents.0.stuckAfter', /whole number/);
    given(iface([{ '@type': ['Telemetry', 'Ranged'], name: 't', schema: 'double', minValue: '0' }])).thenIssueAt('contents.0.minValue', /finite number/);
    given(iface([{ '@type': ['Telemetry', 'Ranged'], name: 't', schema: 'double' }])).thenIssueAt('contents.0', /needs minValue, maxValue or stuckAfter/);
  });

  it('refuses unknown properties and co-types, unless the model names an extension fleettwin does not know', () => {
    given(iface([{ '@type': ['Telemetry', 'Gizmo'], name: 't', schema: 'double', colour: 'red' }])).thenIssues(
      { path: 'contents.0.@type', message: 'unknown co-type "Gizmo" for Telemetry' },
      { path: 'contents.0.colour', message: '"colour" is not a Telemetry property' },
    );
    given(iface([{ '@type': ['Telemetry', 'Gizmo'], name: 't', schema: 'double', colour: 'red' }], { '@context': [V3, 'dtmi:com:example:gizmo;1'] })).thenModel((m) =>
      expect(m.telemetry).toEqual([{ name: 't', schema: 'double' }]),
    );
    given(iface([], { color: 'red' })).thenIssueAt('color', /not an Interface property/);
  });

  it('reports every problem at once', () => {
    given(iface([{ '@type': 'Telemetry', name: '1x', schema: 'string' }], { '@id': 'nope' })).thenIssues(
      { path: '@id' },
      { path: 'contents.0.name' },
      { path: 'contents.0.schema' },
    );
  });
});

describe('extends', () => {
  const base = { '@context': [V3, RANGE], '@id': 'dtmi:com:example:Rotating;1', '@type': 'Interface', contents: [{ '@type': ['Telemetry', 'Ranged'], name: 'vibration', schema: 'double', minValue: 0, maxValue: 50 }] };

  it('inherits telemetry from an Interface in the same document, inherited first', () => {
    given([base, iface([{ '@type': 'Telemetry', name: 'flow', schema: 'double' }], { extends: 'dtmi:com:example:Rotating;1' })], { id: 'dtmi:com:example:Pump;1' }).thenModel((m) => {
      expect(m.extends).toEqual(['dtmi:com:example:Rotating;1']);
      expect(m.telemetry.map((t) => t.name)).toEqual(['vibration', 'flow']);
    });
  });

  it('inherits from an inline Interface, which takes the outer context', () => {
    const { '@context': _context, ...inline } = base;
    given(iface([], { extends: [inline] })).thenModel((m) => expect(m.telemetry).toEqual([{ name: 'vibration', schema: 'double', min: 0, max: 50 }]));
  });

  it('asks the caller for a base it does not hold, and says which one is missing', () => {
    given(iface([], { extends: 'dtmi:com:example:Rotating;1' }), { resolve: (id) => (id === base['@id'] ? base : undefined) }).thenModel((m) =>
      expect(m.telemetry.map((t) => t.name)).toEqual(['vibration']),
    );
    given(iface([], { extends: 'dtmi:com:example:Rotating;1' })).thenIssueAt('extends', /neither in this document nor a known model/);
  });

  it('refuses a name the base already defines, a loop, and a document with several Interfaces but no id', () => {
    given([base, iface([{ '@type': 'Telemetry', name: 'vibration', schema: 'double' }], { extends: base['@id'] })], { id: 'dtmi:com:example:Pump;1' }).thenIssueAt(
      '1.contents.0.name',
      /already defined by dtmi:com:example:Rotating;1/,
    );
    const a = iface([], { '@id': 'dtmi:com:example:A;1', extends: 'dtmi:com:example:B;1' });
    const b = iface([], { '@id': 'dtmi:com:example:B;1', extends: 'dtmi:com:example:A;1' });
    given([a, b], { id: 'dtmi:com:example:A;1' }).thenIssueAt('1.extends', /loops back: dtmi:com:example:A;1 → dtmi:com:example:B;1 → dtmi:com:example:A;1/);
    given([a, b]).thenIssueAt('(root)', /name the Interface/);
  });

  it('counts a base reached along two paths once', () => {
    const left = iface([], { '@id': 'dtmi:com:example:Left;1', extends: base['@id'] });
    const right = iface([], { '@id': 'dtmi:com:example:Right;1', extends: base['@id'] });
    given([base, left, right, iface([], { extends: [left['@id'], right['@id']] })], { id: 'dtmi:com:example:Pump;1' }).thenModel((m) =>
      expect(m.telemetry.map((t) => t.name)).toEqual(['vibration']),
    );
  });
});
