import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { readFileSync } from 'node:fs';
import { HealthImplementation } from 'grpc-health-check';

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
    server.addService(lookupService(loaded, name), handlers);
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

function lookupService(loaded: grpc.GrpcObject, name: string): grpc.ServiceDefinition {
  const found = name.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], loaded) as { service?: grpc.ServiceDefinition } | undefined;
  if (!found?.service) throw new Error(`service ${name} is not in the proto file`);
  return found.service;
}
