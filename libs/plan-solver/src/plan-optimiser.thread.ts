import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PlanProblem } from '@fleettwin/domain-plan';
import { PlanNotFound, type OptimisedPlan } from './plan-optimiser';

type WorkerAnswer = { ok: true; result: OptimisedPlan } | { ok: false; notFound: boolean; message: string };

/** Time beyond the solver's own limit allowed for loading HiGHS, building the model and checking the plan. */
const OVERHEAD_MS = 60_000;

/**
 * `optimisePlan` in a worker thread: HiGHS's `run()` is synchronous, and a service must keep
 * answering health probes and Kafka heartbeats while it solves. Same inputs, same plan.
 */
export function optimisePlanInWorker(problem: PlanProblem, limits: { timeLimitSeconds: number; mipRelGap: number }): Promise<OptimisedPlan> {
  const source = extname(__filename) === '.ts';
  const worker = new Worker(join(__dirname, `plan-optimiser.worker${extname(__filename)}`), {
    workerData: { problem, limits },
    // From sources (dev, tests) the worker compiles its TypeScript like the parent does.
    execArgv: source && !process.execArgv.includes('@swc-node/register') ? [...process.execArgv, '-r', '@swc-node/register'] : process.execArgv,
  });
  return new Promise<OptimisedPlan>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`the plan worker did not answer within ${limits.timeLimitSeconds} s + ${OVERHEAD_MS / 1000} s`));
      void worker.terminate();
    }, limits.timeLimitSeconds * 1000 + OVERHEAD_MS);
    worker.once('message', (answer: WorkerAnswer) => {
      clearTimeout(timer);
      void worker.terminate();
      if (answer.ok) resolve(answer.result);
      else reject(answer.notFound ? new PlanNotFound(answer.message) : new Error(answer.message));
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    worker.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the plan worker exited (code ${code}) without an answer`));
    });
  });
}
