import type { WorkOrderKind } from '@fleettwin/contracts';
import type { SensorDirection } from './signature-vector';

/** One row of the FMEA: what fails, how it shows in the sensors, and what to do about it. */
export interface FailureMode {
  code: string;
  component: string;
  description: string;
  /** Which sensors move and which way when this mode develops; unlisted sensors stay put. */
  signature: Readonly<Record<string, SensorDirection>>;
  recommendedAction: { kind: WorkOrderKind; instructions: string };
  /** How often assets at risk of this mode are inspected, flight cycles. */
  inspectionIntervalCycles: number;
  /** A retired mode stays in the catalog for history but no longer classifies anything. */
  retired: boolean;
}

export type FailureModeIssue = { field: string; message: string };

const CODE = /^[A-Z][A-Z0-9-]{1,31}$/;
const SENSOR = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
const KINDS: readonly WorkOrderKind[] = ['inspection', 'repair', 'replacement', 'calibration'];

export function validateFailureMode(mode: FailureMode): FailureModeIssue[] {
  const issues: FailureModeIssue[] = [];
  const add = (field: string, message: string) => issues.push({ field, message });
  if (!CODE.test(mode.code)) add('code', 'must be 2-32 upper-case letters, digits or "-" starting with a letter');
  if (mode.component.trim() === '') add('component', 'must not be empty');
  if (mode.description.trim() === '') add('description', 'must not be empty');
  const sensors = Object.entries(mode.signature);
  if (sensors.length === 0) add('signature', 'must name at least one sensor, or the mode can never be recognised');
  for (const [sensor, direction] of sensors) {
    if (!SENSOR.test(sensor)) add(`signature.${sensor}`, 'is not a sensor name');
    if (direction !== 'up' && direction !== 'down') add(`signature.${sensor}`, 'must be "up" or "down"');
  }
  if (!KINDS.includes(mode.recommendedAction.kind)) add('recommendedAction.kind', `must be one of ${KINDS.join(', ')}`);
  if (mode.recommendedAction.instructions.trim() === '') add('recommendedAction.instructions', 'must not be empty');
  if (!Number.isInteger(mode.inspectionIntervalCycles) || mode.inspectionIntervalCycles < 1) add('inspectionIntervalCycles', 'must be a positive whole number of cycles');
  return issues;
}
