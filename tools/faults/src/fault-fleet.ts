import { freePort, startService, type RunningService, type ServiceName, type TestEnvironment } from '@fleettwin/testing';

export const SERVICES: readonly ServiceName[] = ['ingest', 'twin-state', 'predictor', 'maintenance', 'gateway'];

/**
 * The five services as separate processes on fixed ports (so clients keep their URLs across
 * restarts), with SIGKILL-and-restart as an operation. A process that dies on its own is counted as
 * an unplanned exit: a crash the suite did not cause is a finding.
 */
export class FaultFleet {
  readonly kills = new Map<string, number>();
  readonly unplannedExits: string[] = [];
  private readonly running = new Map<string, RunningService>();
  private readonly planned = new Set<RunningService>();
  private generation = 0;

  private constructor(private readonly ports: Map<ServiceName, number>, private readonly envFor: (name: ServiceName) => Record<string, string>) {}

  static async start(env: TestEnvironment, extra: (name: ServiceName, ports: Map<ServiceName, number>) => Record<string, string>): Promise<FaultFleet> {
    const ports = new Map<ServiceName, number>();
    for (const name of SERVICES) ports.set(name, await freePort());
    const fleet = new FaultFleet(ports, (name) => ({ ...env.env, ...extra(name, ports) }));
    for (const name of SERVICES) await fleet.launch(name, name);
    return fleet;
  }

  url(name: ServiceName): string {
    return `http://127.0.0.1:${this.ports.get(name)}`;
  }

  service(label: string): RunningService | undefined {
    return this.running.get(label);
  }

  /** Starts another instance of a service (another consumer-group member), on its own port. */
  async addMember(name: ServiceName, label: string): Promise<RunningService> {
    return this.launch(name, label, await freePort());
  }

  /** A graceful stop: the member leaves its consumer group. */
  async removeMember(label: string): Promise<void> {
    const service = this.running.get(label);
    if (!service) return;
    this.planned.add(service);
    this.running.delete(label);
    await service.stop();
  }

  /** SIGKILL, `downMs` of downtime, then a fresh process on the same port. */
  async killAndRestart(name: ServiceName, downMs: number): Promise<void> {
    const service = this.running.get(name);
    if (service) {
      this.planned.add(service);
      await service.kill();
    }
    this.kills.set(name, (this.kills.get(name) ?? 0) + 1);
    await new Promise((r) => setTimeout(r, downMs));
    await this.launch(name, name);
  }

  /** Restarts what died on its own (as a supervisor would) and remembers it. */
  async reviveUnplanned(): Promise<void> {
    for (const [label, service] of [...this.running]) {
      if (service.process.exitCode === null && service.process.signalCode === null) continue;
      this.unplannedExits.push(`${label} (exit ${service.process.exitCode ?? service.process.signalCode}; log ${service.logFile})`);
      this.running.delete(label);
      const name = service.name;
      await this.launch(name, label, label === name ? this.ports.get(name) : await freePort());
    }
  }

  get totalKills(): number {
    return [...this.kills.values()].reduce((a, b) => a + b, 0);
  }

  async stopAll(): Promise<void> {
    const all = [...this.running.values()];
    all.forEach((s) => this.planned.add(s));
    this.running.clear();
    await Promise.all(all.map((s) => s.stop()));
  }

  private async launch(name: ServiceName, label: string, port = this.ports.get(name)): Promise<RunningService> {
    this.generation += 1;
    const service = await startService(name, this.envFor(name), { port, label: `fault-${label}-${this.generation}` });
    this.running.set(label, service);
    return service;
  }
}
