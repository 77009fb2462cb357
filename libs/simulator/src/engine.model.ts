/** What the registry knows about one engine: identity, build and how it is operated. */

export const CLIMATE_ZONES = ['hot-humid', 'hot-dry', 'temperate', 'cold'] as const;
export type ClimateZone = (typeof CLIMATE_ZONES)[number];

export const ROUTE_PROFILES = ['short-haul', 'long-haul'] as const;
export type RouteProfile = (typeof ROUTE_PROFILES)[number];

export interface EngineType {
  model: string;
  variant: string;
  aircraftType: string;
  enginesPerAircraft: 2 | 4;
  /** Thrust scale relative to the reference engine; scales fuel flow. */
  thrustScale: number;
}

export const ENGINE_TYPES: ReadonlyArray<EngineType> = [
  { model: 'CFM56-7B', variant: '7B26', aircraftType: 'B737-800', enginesPerAircraft: 2, thrustScale: 1 },
  { model: 'CFM56-7B', variant: '7B27', aircraftType: 'B737-900', enginesPerAircraft: 2, thrustScale: 1.04 },
  { model: 'CFM56-5B', variant: '5B4', aircraftType: 'A320', enginesPerAircraft: 2, thrustScale: 1.02 },
  { model: 'CF6-80C2', variant: 'B1F', aircraftType: 'B747-400', enginesPerAircraft: 4, thrustScale: 2.1 },
  { model: 'CFM56-5C', variant: '5C4', aircraftType: 'A340-300', enginesPerAircraft: 4, thrustScale: 1.3 },
];

/**
 * Deviations of this engine from the type's nominal build, each a small signed number drawn at
 * manufacture. They set initial margins and wear rates, which is why two new engines of one
 * type already read differently.
 */
export interface ManufacturingTolerances {
  /** HPC isentropic efficiency offset, fraction (−0.004 = 0.4 points worse). */
  hpcEfficiency: number;
  /** Fan efficiency offset, fraction. */
  fanEfficiency: number;
  /** HPT blade tip clearance deviation, mm (positive = more open, hotter). */
  turbineTipClearance: number;
  /** Main bearing radial clearance deviation, µm (positive = looser, more vibration). */
  bearingClearance: number;
  /** Residual rotor imbalance after balancing, g·mm. */
  rotorImbalance: number;
}

export interface OperatingEnvironment {
  climate: ClimateZone;
  route: RouteProfile;
  /** Main base airport's ICAO code, for display only. */
  homeBase: string;
}

export interface DutyCycle {
  cyclesPerDay: number;
  /** Mean flight hours from start to shutdown. */
  hoursPerCycle: number;
  /** Mean takeoff derate, fraction of rated thrust not used; more derate means slower wear. */
  takeoffDerate: number;
}

export interface EngineRecord {
  assetId: string;
  tenant: string;
  /** Null for a spare engine not installed on an aircraft. */
  aircraftId: string | null;
  aircraftType: string;
  /** 1-based engine position on the wing, null for a spare. */
  position: number | null;
  model: string;
  variant: string;
  buildBatch: string;
  tolerances: ManufacturingTolerances;
  environment: OperatingEnvironment;
  dutyCycle: DutyCycle;
  inServiceDate: string;
  /** Flight cycles since new when the simulation starts. */
  cyclesSinceNew: number;
  /** Flight cycles since the last shop visit restored performance; wear starts from here. */
  cyclesSinceShopVisit: number;
}

export interface FleetRegistry {
  seed: number;
  generatedAt: string;
  tenants: string[];
  engines: EngineRecord[];
}
