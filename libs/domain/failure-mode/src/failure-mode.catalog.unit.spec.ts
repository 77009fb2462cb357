import { addFailureMode, catalogOf, retireFailureMode, updateFailureMode, type FailureModeCatalog } from './failure-mode.catalog';
import { validateFailureMode, type FailureMode } from './failure-mode';
import { BEARING_WEAR, TURBOFAN_FAILURE_MODES } from './turbofan.catalog';

const seed = (): FailureModeCatalog => {
  const result = catalogOf(TURBOFAN_FAILURE_MODES);
  if (!result.ok) throw new Error(result.error.message);
  return result.catalog;
};

const oilLeak: FailureMode = {
  code: 'OIL-LEAK',
  component: 'oil system',
  description: 'external oil leak: oil pressure falls, oil temperature rises',
  signature: { oilPressure: 'down', oilTemp: 'up' },
  recommendedAction: { kind: 'repair', instructions: 'Find and fix the leak; check oil consumption' },
  inspectionIntervalCycles: 200,
  retired: false,
};

describe('failure-mode catalog', () => {
  it('given the turbofan seed, then every mode is valid and the simulator modes are all present', () => {
    for (const mode of TURBOFAN_FAILURE_MODES) expect(validateFailureMode(mode)).toEqual([]);
    expect(seed().map((m) => m.code)).toEqual(expect.arrayContaining(['HPC-DEG', 'FAN-EROSION', 'BEARING-WEAR', 'EGT-SENSOR-DRIFT']));
  });

  it('given a new valid mode, when added, then it is in the catalog; when added twice, then ALREADY_EXISTS', () => {
    const added = addFailureMode(seed(), oilLeak);
    expect(added.ok && added.catalog.at(-1)?.code).toBe('OIL-LEAK');
    expect(added.ok && addFailureMode(added.catalog, oilLeak)).toMatchObject({ ok: false, error: { code: 'ALREADY_EXISTS' } });
  });

  it('given an invalid mode, when added, then INVALID names each bad field', () => {
    const bad = { ...oilLeak, code: 'oil leak', signature: { oilPressure: 'sideways' }, inspectionIntervalCycles: 0 } as unknown as FailureMode;
    const result = addFailureMode(seed(), bad);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID' } });
    const fields = result.ok ? [] : (result.error.issues ?? []).map((i) => i.field);
    expect(fields).toEqual(['code', 'signature.oilPressure', 'inspectionIntervalCycles']);
    expect(validateFailureMode({ ...oilLeak, signature: {} }).map((i) => i.field)).toEqual(['signature']);
  });

  it('given a mode, when updated, then the change applies and validation still holds; the code cannot change', () => {
    const updated = updateFailureMode(seed(), 'BEARING-WEAR', { inspectionIntervalCycles: 250 });
    expect(updated.ok && updated.catalog.find((m) => m.code === 'BEARING-WEAR')?.inspectionIntervalCycles).toBe(250);
    expect(updateFailureMode(seed(), 'BEARING-WEAR', { description: ' ' })).toMatchObject({ ok: false, error: { code: 'INVALID' } });
    expect(updateFailureMode(seed(), 'NOPE', { description: 'x' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('given a mode, when retired, then it stays for history but cannot be retired or updated again', () => {
    const retired = retireFailureMode(seed(), BEARING_WEAR.code);
    if (!retired.ok) throw new Error(retired.error.message);
    expect(retired.catalog.find((m) => m.code === 'BEARING-WEAR')?.retired).toBe(true);
    expect(retireFailureMode(retired.catalog, 'BEARING-WEAR')).toMatchObject({ ok: false, error: { code: 'RETIRED' } });
    expect(updateFailureMode(retired.catalog, 'BEARING-WEAR', { inspectionIntervalCycles: 10 })).toMatchObject({ ok: false, error: { code: 'RETIRED' } });
  });
});
