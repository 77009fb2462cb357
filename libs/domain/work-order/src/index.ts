// Public API of the work-order aggregate: the lifecycle decider, the policy that turns
// predictions into orders, and the pure rules they share (due dates, priority, effect checks).
export * from './work-order.lifecycle';
export * from './work-order.errors';
export * from './work-order.events';
export * from './work-order.decider';
export * from './work-order.policy';
export * from './due-date';
export * from './priority';
export * from './effect';
