// HiGHS (WebAssembly) behind a small adapter: solve a LinearProgram, or optimise a plan beside its greedy baseline.
export * from './highs-solver';
export * from './plan-optimiser';
