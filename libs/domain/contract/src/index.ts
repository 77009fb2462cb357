// Public API of service contracts: money and rounding, billing periods, the contract decider
// (terms versioned by amendment, periods closed in order) and the ledger fold that settles them.
export * from './money';
export * from './billing-period';
export * from './contract.terms';
export * from './contract.events';
export * from './contract.decider';
export * from './settlement';
export * from './ledger';
