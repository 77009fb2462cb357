import { consoleAnswer } from './console-files';

describe('consoleAnswer', () => {
  it('given the API, its docs, probes or metrics, when asked, then the console passes', () => {
    for (const path of ['/v1', '/v1/fleet', '/docs', '/openapi.json', '/health', '/metrics']) expect(consoleAnswer('GET', path)).toEqual({ kind: 'pass' });
  });

  it('given a client-side route, when asked, then index.html', () => {
    for (const path of ['/', '/twins/ESN-1', '/work-orders', '/parts/PN-1%2FSN-1', '/v1x', '/healthy']) expect(consoleAnswer('GET', path)).toEqual({ kind: 'index' });
  });

  it('given a built file, when asked, then the file, cached for good only under assets/', () => {
    expect(consoleAnswer('GET', '/assets/index-abc.js')).toEqual({ kind: 'file', file: 'assets/index-abc.js', immutable: true });
    expect(consoleAnswer('HEAD', '/favicon.svg')).toEqual({ kind: 'file', file: 'favicon.svg', immutable: false });
  });

  it('given a method other than GET or HEAD, when asked, then the console passes', () => {
    expect(consoleAnswer('POST', '/')).toEqual({ kind: 'pass' });
  });
});
