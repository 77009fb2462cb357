import { Counter, Gauge, Histogram } from 'prom-client';
import { registry } from '@fleettwin/metrics';

export const calibrationRefits = new Counter({ name: 'fleettwin_calibration_refits_total', help: 'Degradation-curve refits of asset calibrations', registers: [registry] });
export const calibrationFitRmse = new Histogram({
  name: 'fleettwin_calibration_fit_rmse',
  help: 'RMSE of each asset calibration fit over its history, health-index points',
  buckets: [0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3],
  registers: [registry],
});
export const calibrationDriftRatio = new Histogram({
  name: 'fleettwin_calibration_drift_ratio',
  help: 'Recent out-of-sample RMSE over fit RMSE, per refitted asset (≈1 while the asset follows its model)',
  buckets: [0.5, 0.8, 1, 1.25, 1.5, 2, 3, 5],
  registers: [registry],
});
export const calibrationInvalidAssets = new Gauge({ name: 'fleettwin_calibration_invalid_assets', help: 'Assets whose calibration drift invalidates their predictions', registers: [registry] });
