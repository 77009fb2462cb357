import { AssetModelView, DtdlModelUpload } from '@fleettwin/contracts';
import { createTwinEvolve, DEFAULT_STUCK_AFTER, foldTwin, TURBOFAN_SENSOR_RANGES, type FrameRecorded } from '@fleettwin/domain-twin';
import turbofan from '../models/turbofan-engine.v1.json';
import { loadAssetModel } from './asset-model.loader';
import type { AssetModel } from './asset-model';
import { toDataQualityPolicy } from './data-quality-policy';
import { validateReadings } from './readings';

function seedModel(): AssetModel {
  const result = loadAssetModel(turbofan);
  if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 2));
  return result.value;
}

describe('the seed turbofan model', () => {
  it('is a valid DTDL v3 Interface', () => {
    expect(seedModel()).toMatchObject({ id: 'dtmi:fleettwin:asset:TurbofanEngine;1', displayName: 'Turbofan engine' });
  });

  it('passes the upload envelope and reads back as the API view', () => {
    expect(DtdlModelUpload.safeParse(turbofan).success).toBe(true);
    const view: AssetModelView = seedModel();
    expect(AssetModelView.parse(view)).toEqual(view);
  });

  it('yields exactly the ranges the twin uses by default', () => {
    const policy = toDataQualityPolicy(seedModel(), { stuckAfter: DEFAULT_STUCK_AFTER });
    expect(policy).toEqual({ ranges: TURBOFAN_SENSOR_RANGES, stuckAfter: DEFAULT_STUCK_AFTER });
  });

  it('carries real units where QuantitativeTypes has them', () => {
    const byName = new Map(seedModel().telemetry.map((t) => [t.name, t]));
    expect(byName.get('egt')).toMatchObject({ semanticType: 'Temperature', unit: 'degreeCelsius' });
    expect(byName.get('P30')).toMatchObject({ semanticType: 'Pressure', unit: 'poundPerSquareInch' });
    expect(byName.get('Nc')).toMatchObject({ semanticType: 'AngularVelocity', unit: 'revolutionPerMinute' });
    expect(byName.get('fuelFlow')).toMatchObject({ semanticType: 'MassFlowRate', unit: 'kilogramPerHour' });
  });
});

describe('a model drives data quality', () => {
  const pump = loadAssetModel({
    '@context': ['dtmi:dtdl:context;3', 'dtmi:fleettwin:extension:range;1'],
    '@id': 'dtmi:com:example:Pump;1',
    '@type': 'Interface',
    contents: [
      { '@type': ['Telemetry', 'Ranged'], name: 'dischargePressure', schema: 'double', minValue: 0, maxValue: 16 },
      { '@type': ['Telemetry', 'Ranged'], name: 'speed', schema: 'integer', minValue: 0 },
      { '@type': ['Telemetry', 'Ranged'], name: 'setPoint', schema: 'double', stuckAfter: 0 },
      { '@type': 'Telemetry', name: 'running', schema: 'boolean' },
    ],
  });
  const model = pump.ok ? pump.value : (undefined as never);
  const frame = (seq: number, readings: Record<string, number | null>): FrameRecorded => ({
    type: 'FrameRecorded',
    data: { tenant: 'acme', assetId: 'PUMP-1', ts: `2026-01-01T00:00:0${seq}Z`, seq, readings },
  });

  it('turns ranges into the twin policy: one-sided ranges stay open, 0 means never stuck, booleans range over 0..1', () => {
    expect(toDataQualityPolicy(model, { stuckAfter: 5, ranges: { other: { min: 1, max: 2 } } })).toEqual({
      stuckAfter: 5,
      ranges: {
        other: { min: 1, max: 2 },
        dischargePressure: { min: 0, max: 16 },
        speed: { min: 0, max: Number.POSITIVE_INFINITY },
        setPoint: { min: Number.NEGATIVE_INFINITY, max: Number.POSITIVE_INFINITY, stuckAfter: null },
        running: { min: 0, max: 1, stuckAfter: null },
      },
    });
  });

  it('given the policy, the twin flags a reading outside the model\'s range', () => {
    const evolve = createTwinEvolve(toDataQualityPolicy(model, { stuckAfter: 5 }));
    const twin = foldTwin([frame(1, { dischargePressure: 12, speed: 1450 }), frame(2, { dischargePressure: 25, speed: 1450 })], null, evolve);
    expect(twin?.sensors.dischargePressure.quality).toEqual(['out-of-range']);
    expect(twin?.sensors.speed.quality).toEqual([]);
  });

  it('validates readings: unknown sensors and values the schema cannot hold', () => {
    expect(validateReadings(model, { dischargePressure: 3.2, speed: 1450, running: 1, setPoint: null })).toEqual([]);
    expect(validateReadings(model, { speed: 1450.5, running: 2, dischargePressure: true, colour: 3 })).toEqual([
      { sensor: 'speed', code: 'TYPE_MISMATCH', message: 'speed is integer: 1450.5 is not a 32-bit integer' },
      { sensor: 'running', code: 'TYPE_MISMATCH', message: 'running is boolean: 2 is not true/false or 1/0' },
      { sensor: 'dischargePressure', code: 'TYPE_MISMATCH', message: 'dischargePressure is double: true is not a number' },
      { sensor: 'colour', code: 'UNKNOWN_SENSOR', message: 'dtmi:com:example:Pump;1 declares no telemetry "colour"' },
    ]);
    expect(validateReadings(model, { speed: 2 ** 31 })).toHaveLength(1);
  });
});
