/**
 * Hooks over the contract. Types come from the contract maps: no casts, no channel strings.
 *
 * - useCommand(name, { toastErrors }) -> { run(params) => Outcome, pending, error, clearError }
 *   for actions (send, retry, save). Errors are toasted (in words: app/errors.ts errorWords)
 *   unless `toastErrors: false` (then show `errorWords(error)` in place: no silent failures).
 * - useQuery(name, params, { enabled }) -> { data, error, loading, reload } for reads; re-runs
 *   when params change (compared by value). Errors are kept in `error` for inline display.
 * - useEvent(name, listener): subscribes for the component's lifetime; the latest listener is
 *   always called (no need to memoise it).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CommandName, CommandParams, CommandResult, EventName, Events } from '../../src-shared/contract/commands.ts';
import type { RpcError } from '../../src-shared/rpc/client.ts';
import { toast } from '../state/toasts.ts';
import { callCommand, type Outcome } from './call.ts';
import { useClient } from './client-context.tsx';
import { errorWords } from './errors.ts';

export { useClient } from './client-context.tsx';
export type { Outcome } from './call.ts';

export interface UseCommandOptions {
  /** Show a failed call as an error toast (default true). Pass false when you show it in place. */
  toastErrors?: boolean;
}

export interface CommandHandle<K extends CommandName> {
  run: (params: CommandParams<K>) => Promise<Outcome<K>>;
  pending: boolean;
  error: RpcError | null;
  clearError: () => void;
}

export function useCommand<K extends CommandName>(command: K, options: UseCommandOptions = {}): CommandHandle<K> {
  const client = useClient();
  const toastErrors = options.toastErrors ?? true;
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<RpcError | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(
    async (params: CommandParams<K>): Promise<Outcome<K>> => {
      setPending(true);
      setError(null);
      const outcome = await callCommand(client, command, params);
      if (mounted.current) {
        setPending(false);
        if (!outcome.ok) setError(outcome.error);
      }
      if (!outcome.ok && toastErrors) toast.error(errorWords(outcome.error));
      return outcome;
    },
    [client, command, toastErrors],
  );
  const clearError = useCallback(() => setError(null), []);
  return { run, pending, error, clearError };
}

export interface QueryHandle<K extends CommandName> {
  data: CommandResult<K> | undefined;
  error: RpcError | null;
  loading: boolean;
  reload: () => Promise<void>;
}

export function useQuery<K extends CommandName>(command: K, params: CommandParams<K>, options: { enabled?: boolean } = {}): QueryHandle<K> {
  const client = useClient();
  const enabled = options.enabled ?? true;
  const key = JSON.stringify(params);
  const [data, setData] = useState<CommandResult<K> | undefined>(undefined);
  const [error, setError] = useState<RpcError | null>(null);
  const [loading, setLoading] = useState(enabled);
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const ticket = ++latest.current;
    setLoading(true);
    const outcome = await callCommand(client, command, JSON.parse(key) as CommandParams<K>);
    if (ticket !== latest.current) return; // a newer query answered or will answer
    setLoading(false);
    if (outcome.ok) {
      setData(outcome.result);
      setError(null);
    } else {
      setError(outcome.error);
    }
  }, [client, command, key]);

  useEffect(() => {
    if (enabled) void reload();
    return () => {
      latest.current++;
    };
  }, [enabled, reload]);

  return { data, error, loading, reload };
}

export function useEvent<E extends EventName>(event: E, listener: (payload: Events[E]) => void): void {
  const client = useClient();
  const ref = useRef(listener);
  useEffect(() => {
    ref.current = listener;
  });
  useEffect(() => client.on(event, (payload) => ref.current(payload)), [client, event]);
}
