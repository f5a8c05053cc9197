// Whether Redis answers: down at once when the connection reports an error or starts reconnecting, or when a PING
// (every `healthCheckMs`) has not been answered `healthCheckMs` after it was sent (a Redis that is frozen keeps its
// connections open and answers nothing); up again when a PING is answered. Each change is reported once; every PING
// answered runs `onTick`.
import type { StoreHealth } from '@livesnap/server';
import type { CommandSender } from './script-runner.js';

/** What the monitor listens to on a node-redis client. */
export interface ConnectionEvents {
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'ready' | 'reconnecting' | 'end', listener: () => void): unknown;
}

export interface AvailabilityOptions {
  client: CommandSender & ConnectionEvents;
  healthCheckMs: number;
  /** Redis stopped answering (`reason`), or answers again (`reason` undefined). */
  onChange(health: StoreHealth): void;
  /** A tick found Redis up (after `onChange`, when it was down). */
  onTick(): void;
}

export interface Availability {
  health(): StoreHealth;
  /** Stops the PINGs. */
  stop(): void;
}

export function watchAvailability(options: AvailabilityOptions): Availability {
  const { client, healthCheckMs } = options;
  let health: StoreHealth = { ok: true };
  /** When the PING in flight was sent; null when none is. */
  let pingSentAt: number | null = null;
  let stopped = false;

  function set(next: StoreHealth): void {
    if (stopped || next.ok === health.ok) return;
    health = next;
    options.onChange(next);
  }

  const down = (reason: string) => set({ ok: false, reason });

  async function ping(): Promise<void> {
    if (stopped) return;
    if (pingSentAt !== null) {
      // The answer may still come (a frozen Redis answers once resumed): meanwhile it counts as down.
      if (performance.now() - pingSentAt >= healthCheckMs) down(`Redis did not answer PING within ${healthCheckMs} ms`);
      return;
    }
    pingSentAt = performance.now();
    try {
      await client.sendCommand(['PING']);
      pingSentAt = null;
      set({ ok: true });
      if (!stopped) options.onTick();
    } catch (error) {
      pingSentAt = null;
      down(`Redis: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  client.on('error', (error) => down(`Redis: ${error.message || error.name}`));
  client.on('reconnecting', () => down('the connection to Redis was lost; reconnecting'));
  client.on('end', () => down('the connection to Redis is closed'));
  client.on('ready', () => void ping());
  const timer = setInterval(() => void ping(), healthCheckMs);
  timer.unref();

  return {
    health: () => health,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
