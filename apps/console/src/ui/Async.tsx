import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';

export interface Loaded<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  reload(): void;
}

/** Loads with `load` whenever `key` changes or `reload()` is called; the answer of an older request is dropped. */
export function useLoaded<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);
  const latest = useRef(load);
  latest.current = load;

  useEffect(() => {
    const abort = new AbortController();
    setLoading(true);
    latest.current(abort.signal).then(
      (value) => { if (!abort.signal.aborted) { setData(value); setError(undefined); setLoading(false); } },
      (failure: unknown) => { if (!abort.signal.aborted) { setError(describeError(failure)); setLoading(false); } },
    );
    return () => abort.abort();
  }, [key, round]);

  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { data, error, loading, reload };
}

export function describeError(failure: unknown): string {
  if (failure instanceof ApiError) return `${failure.code}: ${failure.message}`;
  return failure instanceof Error ? failure.message : String(failure);
}

/** Undefined for a 404 (not registered, not scored yet), the value otherwise. */
export async function orNotFound<T>(request: Promise<T>): Promise<T | undefined> {
  try {
    return await request;
  } catch (failure) {
    if (failure instanceof ApiError && failure.status === 404) return undefined;
    throw failure;
  }
}

export function ErrorNote({ error }: { error: string | undefined }) {
  return error ? <p className="error" role="alert">{error}</p> : null;
}

/** Calls `action` at most once per `ms`, trailing: bursts of live updates become one re-read. */
export function useThrottled(action: () => void, ms: number): () => void {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(action);
  latest.current = action;
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => { timer.current = undefined; latest.current(); }, ms);
  }, [ms]);
}
