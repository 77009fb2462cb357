import type { ReactElement } from 'react';
import { FleetView } from '../views/fleet/FleetView';
import { PartsView } from '../views/parts/PartsView';
import { PlansView } from '../views/plans/PlansView';
import { ScenariosView } from '../views/scenarios/ScenariosView';
import { TwinDetailView } from '../views/twin/TwinDetailView';
import { WorkOrdersView } from '../views/work-orders/WorkOrdersView';

export interface ViewRoute {
  path: string;
  element: ReactElement;
  /** Shown in the top navigation when set. */
  nav?: string;
}

/** Every signed-in view: one folder per view under src/views, one line here to route (and list) it. */
export const VIEWS: readonly ViewRoute[] = [
  { path: '/', element: <FleetView />, nav: 'Fleet' },
  { path: '/twins/:assetId', element: <TwinDetailView /> },
  { path: '/work-orders', element: <WorkOrdersView />, nav: 'Work orders' },
  { path: '/parts', element: <PartsView />, nav: 'Parts' },
  { path: '/parts/:partId', element: <PartsView /> },
  { path: '/scenarios', element: <ScenariosView />, nav: 'Scenarios' },
  { path: '/scenarios/:scenarioId', element: <ScenariosView /> },
  { path: '/plans', element: <PlansView />, nav: 'Plans' },
  { path: '/plans/:planId', element: <PlansView /> },
];
