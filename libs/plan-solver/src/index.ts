// HiGHS (WebAssembly) behind a small adapter: solve a LinearProgram, or optimise a plan beside its
// greedy baseline — in process, or in a worker thread so a service keeps answering while it solves.
export * from './highs-solver';
export * from './plan-optimiser';
export * from './plan-optimiser.thread';
