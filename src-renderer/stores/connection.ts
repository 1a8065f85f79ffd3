import { create } from 'zustand';
import { client } from '../api/client';
import type { ConnectionState } from '../api/clientTypes';

/** Mirrors the client's connection (status, backoff, resync epoch). */
export const useConnection = create<ConnectionState>(() => client.connection());
client.onConnection((state) => useConnection.setState(state, true));
