import { SetMetadata } from '@nestjs/common';
import type { RouteName } from './route-table';

export const ROUTE_ACCESS = 'gateway:route';

/** Ties a handler to its entry in the route table, which says who may call it. */
export const Access = (route: RouteName) => SetMetadata(ROUTE_ACCESS, route);
