import { readFileSync } from 'node:fs';
import { loadModel, type RulModel } from '@fleettwin/predict';

export const RUL_MODEL = Symbol('RUL_MODEL');

/** Reads the versioned artifact once at start; a missing or malformed file stops the service. */
export function readRulModel(path: string): RulModel {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`MODEL_PATH ${path}: cannot read the model artifact (${error instanceof Error ? error.message : String(error)})`);
  }
  return loadModel(json);
}
