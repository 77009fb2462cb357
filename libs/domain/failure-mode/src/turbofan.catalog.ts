import type { FailureMode } from './failure-mode';

/*
 * Seed catalog for turbofan engines. Sensors use the predictor's C-MAPSS channel names
 * (s2 T24, s3 T30, s4 T50, s7 P30, s8 Nf, s9 Nc, s11 Ps30, s12 phi, s13 NRf, s14 NRc, s15 BPR,
 * s17 htBleed, s20 W31, s21 W32) plus the operational channels engine monitoring reports
 * (egt, fuelFlow, n1, vibration, oilTemp, oilPressure). Directions follow the simulator's
 * sensor model (libs/simulator/src/sensor-model.ts), which follows FD001's drift.
 */

export const HPC_DEGRADATION: FailureMode = {
  code: 'HPC-DEG',
  component: 'high-pressure compressor',
  description: 'HPC efficiency loss (fouling/erosion): EGT, T30, T50 and fuel flow rise until the EGT margin is gone',
  signature: {
    s2: 'up', s3: 'up', s4: 'up', s7: 'down', s8: 'up', s9: 'up', s11: 'up', s12: 'down', s13: 'up', s14: 'up', s15: 'up', s17: 'up', s20: 'down', s21: 'down',
    egt: 'up', fuelFlow: 'up', n2: 'up',
  },
  recommendedAction: { kind: 'inspection', instructions: 'Borescope HPC stages; on-wing core wash if fouled, shop visit if blades are eroded beyond limits' },
  inspectionIntervalCycles: 500,
  retired: false,
};

export const FAN_EROSION: FailureMode = {
  code: 'FAN-EROSION',
  component: 'fan',
  description: 'fan blade leading-edge erosion: Nf/n1 and EGT rise, bypass ratio falls, vibration rises a little',
  signature: {
    s2: 'up', s3: 'up', s4: 'up', s7: 'down', s8: 'up', s12: 'down', s13: 'up', s15: 'down', s17: 'up', s20: 'down', s21: 'down',
    egt: 'up', fuelFlow: 'up', n1: 'up', vibration: 'up',
  },
  recommendedAction: { kind: 'inspection', instructions: 'Inspect fan blade leading edges; blend or replace blades outside erosion limits' },
  inspectionIntervalCycles: 800,
  retired: false,
};

export const BEARING_WEAR: FailureMode = {
  code: 'BEARING-WEAR',
  component: 'main-shaft bearing',
  description: 'main-shaft bearing spalling: vibration and oil temperature rise sharply, oil pressure falls',
  signature: { vibration: 'up', oilTemp: 'up', oilPressure: 'down' },
  recommendedAction: { kind: 'replacement', instructions: 'Check magnetic chip detectors and oil debris; replace the bearing if spalling is confirmed' },
  inspectionIntervalCycles: 300,
  retired: false,
};

/** A drifting probe, not a hot engine: EGT alone reads high while T50, T30 and fuel flow hold. */
export const EGT_SENSOR_DRIFT: FailureMode = {
  code: 'EGT-SENSOR-DRIFT',
  component: 'EGT thermocouple harness',
  description: 'EGT probe or harness drift: indicated EGT rises with no matching change in gas-path temperatures or fuel flow',
  signature: { egt: 'up' },
  recommendedAction: { kind: 'calibration', instructions: 'Test the EGT harness and probes against a reference; replace drifting probes' },
  inspectionIntervalCycles: 1000,
  retired: false,
};

export const TURBOFAN_FAILURE_MODES: readonly FailureMode[] = [HPC_DEGRADATION, FAN_EROSION, BEARING_WEAR, EGT_SENSOR_DRIFT];
