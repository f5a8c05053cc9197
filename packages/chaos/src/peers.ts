// The parent's side of the receivers and real-client processes.
import type { ClientReport, ClientTuning } from './clients-process.js';
import type { ProjectTarget } from './digest.js';
import { type ChildHandle, startChild } from './processes.js';
import type { ReceiverReport, ReceiverSpec } from './receivers-process.js';

export interface Receivers extends ChildHandle {
  connect(receivers: ReceiverSpec[], validate?: boolean): Promise<number>;
  /** Resolves with the `Date.now()` at which every receiver held its project's target. */
  converged(targets: ProjectTarget[]): Promise<number>;
  /** Every receiver's report, the latency histogram (1 ms buckets), and the process's CPU time in microseconds. */
  report(): Promise<{ receivers: ReceiverReport[]; latency: number[]; cpuMicros: number }>;
  resetLatency(): Promise<void>;
}

export async function startReceivers(): Promise<Receivers> {
  const child = await startChild('./receivers-process.ts', {});
  return {
    ...child,
    connect: async (receivers, validate = false) =>
      (await child.request<{ type: string; open: number }>({ type: 'connect', receivers, validate })).open,
    converged: async (targets) => (await child.request<{ type: string; at: number }>({ type: 'await', targets })).at,
    report: async () => (await child.request({ type: 'report' })) as never,
    resetLatency: async () => {
      await child.request({ type: 'reset-latency' });
    },
  };
}

export interface Clients extends ChildHandle {
  connect(url: string, projectIds: string[], tuning?: ClientTuning): Promise<void>;
  converged(targets: ProjectTarget[]): Promise<number>;
  report(): Promise<ClientReport[]>;
}

export async function startClients(): Promise<Clients> {
  const child = await startChild('./clients-process.ts', {});
  return {
    ...child,
    connect: async (url, projectIds, tuning = {}) => {
      await child.request({ type: 'connect', url, projectIds, tuning });
    },
    converged: async (targets) => (await child.request<{ type: string; at: number }>({ type: 'await', targets })).at,
    report: async () => ((await child.request({ type: 'report' })) as unknown as { clients: ClientReport[] }).clients,
  };
}
