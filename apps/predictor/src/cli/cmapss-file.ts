import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SENSOR_COUNT, SETTING_COUNT, type Cycle, type TrainingUnit } from '@fleettwin/predict';

/** C-MAPSS text files: space separated, no header — unit, cycle, 3 settings, 21 sensors. */
const COLUMNS = 2 + SETTING_COUNT + SENSOR_COUNT;

export interface UnitTrajectory extends TrainingUnit {
  readonly unit: number;
  readonly cycles: Cycle[];
}

/** CMAPSS_DATA_DIR, else ../shared/data/cmapss beside the repository root (the data never enters the repo). */
export function defaultDataDir(): string {
  return process.env.CMAPSS_DATA_DIR ?? resolve(__dirname, '../../../../../shared/data/cmapss');
}

export function subsetFiles(dataDir: string, subset: string): { train: string; test: string; rul: string } {
  return {
    train: join(dataDir, `train_${subset}.txt`),
    test: join(dataDir, `test_${subset}.txt`),
    rul: join(dataDir, `RUL_${subset}.txt`),
  };
}

export function readTrajectories(path: string): UnitTrajectory[] {
  const units = new Map<number, Cycle[]>();
  readFileSync(path, 'utf8').split('\n').forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '') return;
    const values = trimmed.split(/\s+/).map(Number);
    if (values.length !== COLUMNS || values.some((v) => !Number.isFinite(v))) {
      throw new Error(`${path}:${index + 1}: expected ${COLUMNS} numeric columns, got "${trimmed.slice(0, 60)}"`);
    }
    const unit = values[0] as number;
    const cycles = units.get(unit) ?? [];
    cycles.push({ cycle: values[1] as number, settings: values.slice(2, 2 + SETTING_COUNT), sensors: values.slice(2 + SETTING_COUNT) });
    units.set(unit, cycles);
  });
  return [...units.entries()].sort(([a], [b]) => a - b).map(([unit, cycles]) => ({ unit, cycles }));
}

export function readRul(path: string): number[] {
  return readFileSync(path, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '').map((l, i) => {
    const value = Number(l);
    if (!Number.isFinite(value)) throw new Error(`${path}:${i + 1}: not a number: "${l}"`);
    return value;
  });
}
