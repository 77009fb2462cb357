// Runs one optimisation off the caller's event loop (see optimisePlanInWorker).
import { parentPort, workerData } from 'node:worker_threads';
import type { PlanProblem } from '@fleettwin/domain-plan';
import { optimisePlan, PlanNotFound } from './plan-optimiser';

const { problem, limits } = workerData as { problem: PlanProblem; limits: { timeLimitSeconds: number; mipRelGap: number } };

optimisePlan(problem, limits).then(
  (result) => parentPort?.postMessage({ ok: true, result }),
  (error: unknown) => parentPort?.postMessage({ ok: false, notFound: error instanceof PlanNotFound, message: error instanceof Error ? error.message : String(error) }),
);
