/**
 * Preloaded into a service by the bench (`-r`), only when BENCH_CPU_PROFILE is set to a path
 * prefix. The bench creates `<prefix>.start-<n>` to start V8's sampling profiler and
 * `<prefix>.stop-<n>` to stop it; the profile is then written to `<prefix>.<n>.cpuprofile`. Files,
 * not signals: NestJS's shutdown hooks treat SIGUSR2 (and most other signals) as "stop".
 */
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const prefix = process.env.BENCH_CPU_PROFILE;
if (prefix) {
  const session = new Session();
  session.connect();
  let window = 0;
  let running = false;
  let busy = false;
  setInterval(() => {
    if (busy) return;
    if (!running && existsSync(`${prefix}.start-${window}`)) {
      busy = true;
      session.post('Profiler.enable', () =>
        session.post('Profiler.setSamplingInterval', { interval: 1000 }, () =>
          session.post('Profiler.start', () => {
            running = true;
            busy = false;
          }),
        ),
      );
    } else if (running && existsSync(`${prefix}.stop-${window}`)) {
      busy = true;
      session.post('Profiler.stop', (error, result) => {
        if (!error && result) {
          // written aside and renamed, so the bench never reads a half-written file
          writeFileSync(`${prefix}.${window}.partial`, JSON.stringify(result.profile));
          renameSync(`${prefix}.${window}.partial`, `${prefix}.${window}.cpuprofile`);
        }
        window++;
        running = false;
        busy = false;
      });
    }
  }, 100).unref();
}
