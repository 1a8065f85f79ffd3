import { useCallback, useEffect, useRef, useState } from 'react';
import type { PushEventName } from '../../src-main/api/contract';
import { client } from '../api/client';
import { errorText } from '../api/errorText';
import { useConnection } from '../stores/connection';
import { useWorkspace } from '../stores/workspace';

export interface LiveQuery<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  refetch: () => void;
}

/**
 * Page-local data (statistics, one webhook's history): fetched when the page shows it and its
 * inputs change, and again (throttled) when any of the given pushes arrive, after a reconnect,
 * or when the workspace changes.
 */
export function useLiveQuery<T>(
  fetch: () => Promise<T>,
  deps: unknown[],
  opts: { refreshOn?: PushEventName[]; throttleMs?: number } = {},
): LiveQuery<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  const fetchRef = useRef(fetch);
  fetchRef.current = fetch;
  const epoch = useConnection((s) => s.epoch);
  const workspaceId = useWorkspace((s) => s.currentId);

  const run = useCallback(() => {
    const n = ++seq.current;
    setLoading(true);
    fetchRef.current().then(
      (d) => {
        if (n !== seq.current) return;
        setData(d);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (n !== seq.current) return;
        setError(errorText(e));
        setLoading(false);
      },
    );
  }, []);

  useEffect(run, [run, epoch, workspaceId, ...deps]);

  const refreshOn = (opts.refreshOn ?? []).join(',');
  const throttleMs = opts.throttleMs ?? 1000;
  useEffect(() => {
    if (!refreshOn) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    const schedule = () => {
      if (timer) return;
      const wait = Math.max(0, last + throttleMs - Date.now());
      timer = setTimeout(() => {
        timer = undefined;
        last = Date.now();
        run();
      }, wait);
    };
    const offs = refreshOn.split(',').map((name) => client.on(name as PushEventName, schedule));
    return () => {
      clearTimeout(timer);
      offs.forEach((off) => off());
    };
  }, [refreshOn, throttleMs, run]);

  return { data, error, loading, refetch: run };
}
