import type { Role } from '../../api/types';

/** Who may create, accept and re-plan (the gateway's route table: planners and admins). */
export const PLAN_ACTORS: readonly Role[] = ['planner', 'admin'];
