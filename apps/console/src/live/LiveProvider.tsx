import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { LiveUpdate, LiveUpdateType } from '../api/types';
import { runLiveConnection, type LiveState } from './live-connection';

type Listener = (update: LiveUpdate) => void;

interface Live {
  state: LiveState;
  /** Grows each time the stream comes back after a break; views re-read their data when it changes. */
  resyncs: number;
  received: number;
  subscribe(listener: Listener): () => void;
}

const LiveContext = createContext<Live | undefined>(undefined);

export function LiveProvider({ authorization, onUnauthorized, children }: { authorization: string; onUnauthorized: () => void; children: ReactNode }) {
  const listeners = useRef(new Set<Listener>());
  const [state, setState] = useState<LiveState>('connecting');
  const [resyncs, setResyncs] = useState(0);
  const [received, setReceived] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    void runLiveConnection(authorization, {
      onUpdate: (update) => {
        setReceived((n) => n + 1);
        for (const listener of listeners.current) listener(update);
      },
      onState: setState,
      onResync: () => setResyncs((n) => n + 1),
      onUnauthorized,
    }, abort.signal);
    return () => abort.abort();
  }, [authorization, onUnauthorized]);

  const subscribe = useCallback((listener: Listener) => {
    listeners.current.add(listener);
    return () => { listeners.current.delete(listener); };
  }, []);
  const live = useMemo<Live>(() => ({ state, resyncs, received, subscribe }), [state, resyncs, received, subscribe]);
  return <LiveContext.Provider value={live}>{children}</LiveContext.Provider>;
}

export function useLive(): Live {
  const live = useContext(LiveContext);
  if (!live) throw new Error('useLive outside LiveProvider');
  return live;
}

/** Calls `handler` for every live update of the given kinds while the component is mounted. */
export function useLiveUpdates(types: readonly LiveUpdateType[], handler: (update: LiveUpdate) => void): void {
  const { subscribe } = useLive();
  const latest = useRef(handler);
  latest.current = handler;
  const key = types.join(',');
  useEffect(() => subscribe((update) => {
    if (key.split(',').includes(update.type)) latest.current(update);
  }), [subscribe, key]);
}
