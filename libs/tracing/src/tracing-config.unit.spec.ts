import { tracingConfigFromEnv } from './tracing-config';

describe('tracingConfigFromEnv', () => {
  it('given no OTLP endpoint, tracing stays off', () => {
    expect(tracingConfigFromEnv({}, 'ingest')).toBeUndefined();
    expect(tracingConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: '  ' }, 'ingest')).toBeUndefined();
  });

  it('given the generic endpoint, sends to its /v1/traces path with parent-based always-on sampling', () => {
    expect(tracingConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }, 'ingest')).toEqual({
      serviceName: 'ingest',
      tracesUrl: 'http://collector:4318/v1/traces',
      sampler: { kind: 'always_on', parentBased: true },
    });
  });

  it('given the traces endpoint too, uses it as is and ahead of the generic one', () => {
    const config = tracingConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://b/otlp/traces' }, 'ingest');
    expect(config?.tracesUrl).toBe('https://b/otlp/traces');
  });

  it('given OTEL_SERVICE_NAME, names the service by it', () => {
    expect(tracingConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_SERVICE_NAME: 'ingest-eu' }, 'ingest')?.serviceName).toBe('ingest-eu');
  });

  it('given a ratio sampler, reads its argument (default 1)', () => {
    const env = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_TRACES_SAMPLER: 'parentbased_traceidratio' };
    expect(tracingConfigFromEnv({ ...env, OTEL_TRACES_SAMPLER_ARG: '0.25' }, 'x')?.sampler).toEqual({ kind: 'traceidratio', parentBased: true, ratio: 0.25 });
    expect(tracingConfigFromEnv(env, 'x')?.sampler).toEqual({ kind: 'traceidratio', parentBased: true, ratio: 1 });
    expect(tracingConfigFromEnv({ ...env, OTEL_TRACES_SAMPLER: 'always_off' }, 'x')?.sampler).toEqual({ kind: 'always_off', parentBased: false });
  });

  it('given OTEL_SDK_DISABLED=true, stays off even with an endpoint', () => {
    expect(tracingConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_SDK_DISABLED: 'TRUE' }, 'x')).toBeUndefined();
  });

  it('given bad values, refuses to start naming the variable', () => {
    expect(() => tracingConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }, 'x')).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
    expect(() => tracingConfigFromEnv({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'not a url' }, 'x')).toThrow(/OTEL_EXPORTER_OTLP_TRACES_ENDPOINT/);
    expect(() => tracingConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a', OTEL_TRACES_SAMPLER: 'sometimes' }, 'x')).toThrow(/OTEL_TRACES_SAMPLER/);
    expect(() => tracingConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a', OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '1.5' }, 'x')).toThrow(/OTEL_TRACES_SAMPLER_ARG/);
  });
});
