import { CMAPSS_SENSOR_NAMES, type CmapssSensorName } from './sensors';

/** One row of a C-MAPSS train/test file. */
export interface CmapssRow {
  unit: number;
  cycle: number;
  settings: [number, number, number];
  readings: Record<CmapssSensorName, number>;
}

export interface CmapssUnit {
  unit: number;
  rows: CmapssRow[];
}

export const CMAPSS_COLUMNS = 5 + CMAPSS_SENSOR_NAMES.length;

/** Parses one line (26 space-separated numbers); null for a blank line, an error for a broken one. */
export function parseCmapssLine(line: string, lineNumber = 0): CmapssRow | null {
  const fields = line.trim().split(/\s+/);
  if (fields.length === 1 && fields[0] === '') return null;
  if (fields.length !== CMAPSS_COLUMNS) throw new Error(`C-MAPSS line ${lineNumber}: expected ${CMAPSS_COLUMNS} columns, got ${fields.length}`);
  const values = fields.map(Number);
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new Error(`C-MAPSS line ${lineNumber}: column ${bad + 1} is not a number ("${fields[bad]}")`);
  const readings = {} as Record<CmapssSensorName, number>;
  CMAPSS_SENSOR_NAMES.forEach((name, i) => (readings[name] = values[5 + i]));
  return { unit: values[0], cycle: values[1], settings: [values[2], values[3], values[4]], readings };
}

/** Groups a whole file's rows by unit, in file order. */
export function parseCmapss(text: string): CmapssUnit[] {
  const units = new Map<number, CmapssRow[]>();
  text.split('\n').forEach((line, i) => {
    const row = parseCmapssLine(line, i + 1);
    if (!row) return;
    const rows = units.get(row.unit) ?? [];
    rows.push(row);
    units.set(row.unit, rows);
  });
  return [...units.entries()].map(([unit, rows]) => ({ unit, rows }));
}

/** `CMAPSS-FD001-U001` from a file name like `train_FD001.txt` and unit 1. */
export function cmapssAssetId(fileName: string, unit: number): string {
  const subset = /FD\d{3}/i.exec(fileName)?.[0]?.toUpperCase() ?? 'FD000';
  return `CMAPSS-${subset}-U${String(unit).padStart(3, '0')}`;
}

/** Parses `1-10`, `3`, or `1-5,8,12-14` into a set of unit numbers. */
export function parseUnitRanges(text: string): Set<number> {
  const units = new Set<number>();
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [a, b] = part.split('-');
    const from = Number(a);
    const to = b === undefined ? from : Number(b);
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to < from) throw new Error(`bad unit range "${part}"`);
    for (let u = from; u <= to; u++) units.add(u);
  }
  return units;
}
