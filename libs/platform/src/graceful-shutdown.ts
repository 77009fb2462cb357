import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { outboxPublished, processingSeconds } from '@fleettwin/metrics';
import { shutdownTracing } from '@fleettwin/tracing';

/** What a stopping service finished instead of dropping, logged as one `drained` line. */
export interface DrainReport {
  /** Consumer batches that finished (applied and committed) after the signal. */
  consumerBatches: number;
  /** Events the outbox relays published after the signal. */
  outboxPublished: number;
  /** HTTP connections open when the signal came; each in-flight request was answered before closing. */
  httpConnections: number;
  seconds: number;
}

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;
const IN_FLIGHT_GRACE_MS = 5000;

/**
 * On SIGTERM/SIGINT: stop taking HTTP requests (answering those in flight), close the app — consumers
 * finish and commit their batch, relays flush the outbox, producers and pools close in Nest's
 * shutdown hooks — flush the trace exporter, log what was drained, exit 0. A second signal, or a
 * drain that exceeds `timeoutMs`, exits 1 at once.
 */
export function drainOnSignals(app: INestApplication, logger: Logger, timeoutMs = 80000): void {
  let draining = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (draining) {
      logger.warn({ signal }, 'second signal while draining; exiting now');
      process.exit(1);
    }
    draining = true;
    logger.info({ signal }, 'draining');
    const deadline = setTimeout(() => {
      logger.error({ timeoutMs }, 'drain did not finish in time; exiting');
      process.exit(1);
    }, timeoutMs);
    deadline.unref();
    drain(app)
      .then((report) => {
        logger.info(report, 'drained');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'drain failed');
        process.exit(1);
      });
  };
  for (const signal of SIGNALS) process.once(signal, onSignal);
}

async function drain(app: INestApplication): Promise<DrainReport> {
  const started = Date.now();
  const before = await counters();
  const server = app.getHttpServer() as Server;
  const httpConnections = await openConnections(server);
  // Stop accepting now and let in-flight requests finish; long-lived streams (the gateway's SSE)
  // are ended by the app's own shutdown hooks, so wait for them only a little before closing the app.
  const serverClosed = closeServer(server);
  await Promise.race([serverClosed, delay(IN_FLIGHT_GRACE_MS)]);
  await app.close();
  server.closeAllConnections();
  await serverClosed;
  await shutdownTracing();
  const after = await counters();
  return {
    consumerBatches: after.consumerBatches - before.consumerBatches,
    outboxPublished: after.outboxPublished - before.outboxPublished,
    httpConnections,
    seconds: (Date.now() - started) / 1000,
  };
}

/** Read from the process's own metrics: every consumer batch is timed, every relayed event counted. */
async function counters(): Promise<{ consumerBatches: number; outboxPublished: number }> {
  const batches = (await processingSeconds.get()).values.filter((v) => v.metricName === 'fleettwin_processing_seconds_count');
  const published = (await outboxPublished.get()).values;
  return { consumerBatches: sum(batches), outboxPublished: sum(published) };
}

function sum(values: readonly { value: number }[]): number {
  return values.reduce((total, v) => total + v.value, 0);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function openConnections(server: Server): Promise<number> {
  return new Promise((resolve) => server.getConnections((error, count) => resolve(error ? 0 : count)));
}

/** Stops accepting, closes idle keep-alive sockets, resolves once in-flight requests are answered. */
function closeServer(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
