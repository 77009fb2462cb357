export * from './asset-model';
export * from './asset-model.loader';
export * from './contexts';
export * from './dtmi';
export * from './quantitative-types';
export * from './data-quality-policy';
export * from './readings';
