import { ROUTES, type RouteSpec } from '../routes/route-table';

type JsonObject = Record<string, unknown>;

const ERROR = { $ref: '#/components/responses/Error' };

/** OpenAPI 3.1, generated from the route table, so the description cannot drift from what is served. */
export function openApiDocument(): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const [name, route] of Object.entries(ROUTES) as [string, RouteSpec][]) {
    const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(name, route) };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'fleettwin gateway', version: '1.0.0', description: 'Tenant-isolated REST and live updates over the fleettwin services. The tenant always comes from the token.' },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } } } } },
        },
      },
      responses: { Error: { description: 'An error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } } },
    },
  };
}

function operation(name: string, route: RouteSpec): JsonObject {
  const pathParams = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1] as string);
  const success = route.path === '/v1/stream' ? { description: 'text/event-stream of live updates', content: { 'text/event-stream': { schema: { type: 'string' } } } } : { description: 'OK', content: { 'application/json': { schema: { type: 'object' } } } };
  return {
    operationId: name,
    summary: route.summary,
    tags: [route.tag],
    description: `Roles: ${route.roles.join(', ')}.${route.resource ? ` Another tenant's ${route.resource} answers 404.` : ''}`,
    parameters: [
      ...pathParams.map((p) => ({ name: p, in: 'path', required: true, schema: route.pathValues?.[p] ? { type: 'string', enum: route.pathValues[p] } : { type: 'string' } })),
      ...(route.query ?? []).map((q) => ({ name: q, in: 'query', required: false, schema: { type: 'string' } })),
    ],
    ...(route.body ? { requestBody: { required: false, content: { 'application/json': { schema: { type: 'object' } } } } } : {}),
    responses: {
      [route.method === 'POST' && route.path.endsWith('/commands') ? '202' : '200']: success,
      400: ERROR, 401: ERROR, 403: ERROR, ...(route.resource ? { 404: ERROR } : {}), 429: ERROR, 502: ERROR,
    },
  };
}
