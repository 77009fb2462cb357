import { ROUTE_NAMES, ROUTES } from '../routes/route-table';
import { openApiDocument } from './openapi.document';

describe('openApiDocument', () => {
  it('given the route table, when generated, then every route is an operation with its path parameters and roles', () => {
    const doc = openApiDocument() as { openapi: string; paths: Record<string, Record<string, { operationId: string; parameters: { name: string; in: string }[]; description: string }>> };
    expect(doc.openapi).toBe('3.1.0');
    for (const name of ROUTE_NAMES) {
      const route = ROUTES[name];
      const operation = doc.paths[route.path.replace(/:([A-Za-z]+)/g, '{$1}')]?.[route.method.toLowerCase()];
      expect(operation?.operationId).toBe(name);
      const pathParams = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
      expect(operation?.parameters.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(pathParams);
      for (const role of route.roles) expect(operation?.description).toContain(role);
    }
  });
});
