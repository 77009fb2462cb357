import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { readFileSync } from 'node:fs';
import { HealthImplementation } from 'grpc-health-check';
import { unstorableTextPath } from './storable-text';

export interface GrpcTls {
  certFile: string;
  keyFile: string;
  /** With a CA, clients must present a certificate it signed (mutual TLS). */
  caFile?: string;
}

export interface GrpcServerOptions {
  /** Every proto file whose services the server offers (one package definition, one reflection service). */
  protoFiles: readonly string[];
  /** Fully qualified service name → its handlers, e.g. `fleettwin.maintenance.v1.WorkOrderService`. */
  services: Record<string, grpc.UntypedServiceImplementation>;
  host?: string;
  port: number;
  tls?: GrpcTls;
}

export interface RunningGrpcServer {
  server: grpc.Server;
  port: number;
  health: HealthImplementation;
  stop(): Promise<void>;
}

const LOADER_OPTIONS: protoLoader.Options = { keepCase: false, longs: String, enums: String, defaults: true, oneofs: true };

export function loadPackage(protoFiles: string | readonly string[]): protoLoader.PackageDefinition {
  return protoLoader.loadSync(typeof protoFiles === 'string' ? protoFiles : [...protoFiles], LOADER_OPTIONS);
}

/** Credentials from files: TLS, mutual TLS when a CA is given, plaintext only when none is configured (dev). */
export function serverCredentials(tls: GrpcTls | undefined): grpc.ServerCredentials {
  if (!tls) return grpc.ServerCredentials.createInsecure();
  const ca = tls.caFile ? readFileSync(tls.caFile) : null;
  return grpc.ServerCredentials.createSsl(ca, [{ cert_chain: readFileSync(tls.certFile), private_key: readFileSync(tls.keyFile) }], Boolean(ca));
}

/**
 * A gRPC server with the standard health service (`grpc.health.v1`) and server reflection next to
 * the application's services, so stock tooling (grpcurl, grpc-health-probe) works against it.
 */
export async function startGrpcServer(options: GrpcServerOptions): Promise<RunningGrpcServer> {
  const definition = loadPackage(options.protoFiles);
  const loaded = grpc.loadPackageDefinition(definition);
  const server = new grpc.Server();
  const statuses: Record<string, 'SERVING'> = { '': 'SERVING' };
  for (const [name, handlers] of Object.entries(options.services)) {
    const definition = tolerantDeserializers(lookupService(loaded, name));
    server.addService(definition, refuseUnstorableRequests(definition, handlers));
    statuses[name] = 'SERVING';
  }
  const health = new HealthImplementation(statuses);
  health.addToServer(server);
  new ReflectionService(definition).addToServer(server);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${options.host ?? '0.0.0.0'}:${options.port}`, serverCredentials(options.tls), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return {
    server,
    port,
    health,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const name of Object.keys(statuses)) health.setStatus(name, 'NOT_SERVING');
        server.tryShutdown(() => resolve());
      }),
  };
}

/** What a request that is not a valid protobuf message deserialises to, so the handler wrapper can refuse it. */
class UndecodableRequest {
  constructor(readonly message: string) {}
}

/**
 * grpc-js answers INTERNAL when a request's bytes are not a valid message (found by fuzzing); they are
 * the caller's fault, so they become INVALID_ARGUMENT instead.
 */
function tolerantDeserializers(definition: grpc.ServiceDefinition): grpc.ServiceDefinition {
  return Object.fromEntries(
    Object.entries(definition).map(([method, spec]) => [
      method,
      // Client streams keep grpc-js's own handling: their handlers see each message, not a refusal.
      spec.requestStream ? spec : {
        ...spec,
        requestDeserialize: (bytes: Buffer) => {
          try {
            return spec.requestDeserialize(bytes);
          } catch (error) {
            return new UndecodableRequest(`the request is not a valid ${method} message: ${error instanceof Error ? error.message : String(error)}`);
          }
        },
      },
    ]),
  );
}

/**
 * A request carrying U+0000 in any string would fail in PostgreSQL as INTERNAL; it is refused first,
 * INVALID_ARGUMENT naming the field (found by the fault suite's fuzzers).
 */
function refuseUnstorableRequests(definition: grpc.ServiceDefinition, handlers: grpc.UntypedServiceImplementation): grpc.UntypedServiceImplementation {
  const guarded: grpc.UntypedServiceImplementation = {};
  for (const [method, handler] of Object.entries(handlers)) {
    const spec = definition[method] ?? Object.values(definition).find((m) => m.originalName === method);
    if (!spec || spec.requestStream) {
      guarded[method] = handler;
      continue;
    }
    const refusal = (request: unknown): grpc.ServiceError | undefined => {
      const undecodable = request instanceof UndecodableRequest ? request.message : undefined;
      const path = undecodable === undefined ? unstorableTextPath(request) : undefined;
      const details = undecodable ?? (path === undefined ? undefined : `${path}: text must not contain U+0000`);
      if (details === undefined) return undefined;
      return Object.assign(new Error(details), { code: grpc.status.INVALID_ARGUMENT, details, metadata: new grpc.Metadata() });
    };
    guarded[method] = spec.responseStream
      ? (call: grpc.ServerWritableStream<unknown, unknown>) => {
          const error = refusal(call.request);
          if (error) call.destroy(error);
          else (handler as grpc.handleServerStreamingCall<unknown, unknown>)(call);
        }
      : (call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
          const error = refusal(call.request);
          if (error) callback(error);
          else (handler as grpc.handleUnaryCall<unknown, unknown>)(call, callback);
        };
  }
  return guarded;
}

function lookupService(loaded: grpc.GrpcObject, name: string): grpc.ServiceDefinition {
  const found = name.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], loaded) as { service?: grpc.ServiceDefinition } | undefined;
  if (!found?.service) throw new Error(`service ${name} is not in the proto file`);
  return found.service;
}
