/** The gateway's error shape, kept on the thrown error so views can say what went wrong. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export type Query = Record<string, string | number | undefined>;

/** Calls the gateway on the console's own origin with the session's bearer token. */
export class ApiClient {
  constructor(private readonly token: string, private readonly onUnauthorized: () => void) {}

  get<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<T> {
    return this.request<T>('GET', withQuery(path, query), undefined, signal);
  }

  post<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
    return this.request<T>('POST', path, body, undefined, headers);
  }

  authorization(): string {
    return `Bearer ${this.token}`;
  }

  private async request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal, headers: Record<string, string> = {}): Promise<T> {
    const res = await fetch(path, {
      method,
      headers: { authorization: this.authorization(), accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(signal ? { signal } : {}),
    });
    if (res.ok) return (await res.json()) as T;
    if (res.status === 401) this.onUnauthorized();
    const answer = (await res.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
    throw new ApiError(res.status, answer?.error?.code ?? `HTTP_${res.status}`, answer?.error?.message ?? res.statusText);
  }
}

export function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(name, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Path segment for an id that may hold `/` (part ids): always encoded. */
export const segment = (id: string): string => encodeURIComponent(id);
