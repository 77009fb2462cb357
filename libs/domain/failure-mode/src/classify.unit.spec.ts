import { classifySignature, rankFailureModes } from './classify';
import { retireFailureMode } from './failure-mode.catalog';
import { cosineSimilarity, type SignatureVector } from './signature-vector';
import { TURBOFAN_FAILURE_MODES } from './turbofan.catalog';

const CMAPSS = ['s2', 's3', 's4', 's7', 's8', 's9', 's11', 's12', 's13', 's14', 's15', 's17', 's20', 's21'];

/** An FD001-like HPC signature: temperatures, core speed and Ps30 up; P30, phi and bleeds down. */
const hpc: SignatureVector = { sensors: CMAPSS, deviation: [2.1, 2.6, 3.4, -2.9, 1.8, 1.5, 3.2, -3.1, 1.7, 1.4, 2.5, 2.2, -2.7, -2.8] };
/** Fan erosion: no core-speed or Ps30 move, bypass ratio falls. */
const fan: SignatureVector = { sensors: CMAPSS, deviation: [2.4, 1.1, 1.5, -0.4, 2.9, 0.1, 0.05, -1.4, 2.8, 0.1, -2.6, 0.9, -0.8, -0.7] };
const bearing: SignatureVector = { sensors: ['vibration', 'oilTemp', 'oilPressure', 'egt'], deviation: [6.5, 4.2, -3.3, 0.2] };

describe('classifySignature', () => {
  it.each([
    ['an HPC pattern', hpc, 'HPC-DEG'],
    ['a fan-erosion pattern', fan, 'FAN-EROSION'],
    ['a bearing pattern on the operational channels', bearing, 'BEARING-WEAR'],
    ['EGT rising alone', { sensors: ['egt', 's4', 's3', 'fuelFlow'], deviation: [5, 0.1, -0.2, 0.1] }, 'EGT-SENSOR-DRIFT'],
  ] as const)('given %s, then %s with cosine similarity', (_label, signature, code) => {
    const match = classifySignature(signature, TURBOFAN_FAILURE_MODES);
    expect(match?.code).toBe(code);
    expect(match?.similarity).toBeGreaterThan(0.8);
  });

  it('given a flat or unmatched signature, then null', () => {
    expect(classifySignature({ sensors: CMAPSS, deviation: CMAPSS.map(() => 0) }, TURBOFAN_FAILURE_MODES)).toBeNull();
    expect(classifySignature({ sensors: ['s2', 's3'], deviation: [-3, 3] }, TURBOFAN_FAILURE_MODES)).toBeNull();
  });

  it('given a retired mode, then it no longer classifies', () => {
    const retired = retireFailureMode(TURBOFAN_FAILURE_MODES, 'HPC-DEG');
    if (!retired.ok) throw new Error(retired.error.message);
    expect(rankFailureModes(hpc, retired.catalog).map((m) => m.code)).not.toContain('HPC-DEG');
  });

  it('cosineSimilarity matches by sensor name, not position, and is 0 for a flat side', () => {
    const shuffled: SignatureVector = { sensors: [...hpc.sensors].reverse(), deviation: [...hpc.deviation].reverse() };
    expect(cosineSimilarity(hpc, shuffled)).toBeCloseTo(1, 10);
    expect(cosineSimilarity(hpc, { sensors: [], deviation: [] })).toBe(0);
  });
});
