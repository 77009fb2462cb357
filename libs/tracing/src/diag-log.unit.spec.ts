import { rateLimitedDiagLogger } from './diag-log';

describe('rateLimitedDiagLogger', () => {
  it('writes the first SDK error at once, then at most one per interval with a count of the held-back ones', () => {
    const lines: string[] = [];
    let clock = 0;
    const diag = rateLimitedDiagLogger((line) => lines.push(line), 60000, () => clock);
    diag.error('export failed', new Error('ECONNREFUSED'));
    clock = 1000;
    diag.error('export failed', new Error('ECONNREFUSED'));
    diag.warn('dropped spans');
    clock = 61000;
    diag.error('export failed', { code: 14 });
    expect(lines).toEqual(['export failed ECONNREFUSED', 'export failed {"code":14} (2 similar messages held back)']);
  });

  it('given an error the SDK serialised as JSON, writes its message', () => {
    const lines: string[] = [];
    rateLimitedDiagLogger((line) => lines.push(line)).error(JSON.stringify({ stack: 'Error: connect ECONNREFUSED 127.0.0.1:9\n    at TCPConnectWrap', message: 'connect ECONNREFUSED 127.0.0.1:9' }));
    expect(lines).toEqual(['connect ECONNREFUSED 127.0.0.1:9']);
  });

  it('ignores the SDK’s info and debug chatter', () => {
    const lines: string[] = [];
    const diag = rateLimitedDiagLogger((line) => lines.push(line));
    diag.info('registered');
    diag.debug('exporting');
    expect(lines).toEqual([]);
  });
});
