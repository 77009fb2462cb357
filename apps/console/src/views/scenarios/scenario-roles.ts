import type { Role } from '../../api/types';

/** Who may run and rerun scenarios (the gateway's route table: engineers, planners, admins). */
export const SCENARIO_RUNNERS: readonly Role[] = ['engineer', 'planner', 'admin'];
