import { Agent, request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface RawRequest {
  method: string;
  /** Path and query exactly as sent on the request line (not normalised, not re-encoded). */
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

/**
 * HTTP over one keep-alive agent, sending bytes as given: fuzzers need malformed JSON, invalid UTF-8
 * and raw paths that `fetch` would refuse or normalise.
 */
export class RawHttpClient {
  private readonly agent: Agent;

  constructor(private readonly baseUrl: string, maxSockets = 16) {
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  send(req: RawRequest): Promise<RawResponse> {
    const url = new URL(this.baseUrl);
    const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body);
    return new Promise((resolve, reject) => {
      const outgoing = request(
        {
          agent: this.agent,
          host: url.hostname,
          port: url.port,
          method: req.method,
          path: req.path,
          headers: { ...(body ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {}), ...req.headers },
          timeout: 30_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within 30 s to ${req.method} ${req.path}`)));
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
