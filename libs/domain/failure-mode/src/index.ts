// Public API of the failure-mode domain: the FMEA catalog and its seed for turbofans,
// classification of signatures against it, asset similarity, and propagation of a confirmed
// mode to the assets that share its risk.
export * from './signature-vector';
export * from './failure-mode';
export * from './failure-mode.catalog';
export * from './turbofan.catalog';
export * from './classify';
export * from './asset-similarity';
export * from './propagation';
