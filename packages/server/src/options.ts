// Options are checked when a part is created, and a wrong one is named with what was expected and the value it had,
// with its type: `coalesceMs must be an integer ≥ 0, got "100" (string)`. Exported as `@livesnap/server/options` for
// the packages that extend the server (the Redis store checks its options the same way).
import { consoleLogger, type Logger } from './logger.js';
import { type Scheduler, systemScheduler } from './scheduler.js';

/** The longest delay `setTimeout` takes (2³¹−1 ms, about 24.8 days): a longer one fires at once. */
export const MAX_TIMER_MS = 2_147_483_647;

/** A value as an error message shows it: its text, and its type in parentheses. */
export function describeValue(value: unknown): string {
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(clip(value));
  else if (typeof value === 'function') text = value.name ? `function ${value.name}` : 'a function';
  else if (typeof value === 'object' && value !== null) text = previewObject(value);
  else text = String(value);
  return `${text} (${type})`;
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

function previewObject(value: object): string {
  try {
    const json = JSON.stringify(value);
    if (json !== undefined) return clip(json);
  } catch {
    // A cycle or a BigInt: fall through to the plain form.
  }
  return Object.prototype.toString.call(value);
}

/** The error for option `name`: `${name} must be ${expectation}, got ${value} (${type})`. */
export function optionError(name: string, expectation: string, value: unknown): TypeError {
  return new TypeError(`${name} must be ${expectation}, got ${describeValue(value)}`);
}

/** The options object of `part` (absent: `{}` when `optional`). */
export function optionsObject<T extends object>(part: string, value: unknown, optional: boolean): Partial<T> {
  if (value === undefined && optional) return {};
  if (typeof value !== 'object' || value === null) throw optionError(`${part} options`, 'an object', value);
  return value as Partial<T>;
}

/** An integer option from `min` to `max` (`why` says where `max` comes from); `fallback` when absent. */
export function integerOption(
  name: string,
  value: unknown,
  fallback: number,
  min: number,
  max?: { value: number; why: string },
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new (typeof value === 'number' ? RangeError : TypeError)(
      `${name} must be an integer ≥ ${min}, got ${describeValue(value)}`,
    );
  }
  if (max && value > max.value) {
    throw new RangeError(`${name} must be an integer ≤ ${max.value} (${max.why}), got ${describeValue(value)}`);
  }
  return value;
}

/** A duration in milliseconds: an integer from `min` to what a timer can take. */
export function durationOption(name: string, value: unknown, fallback: number, min: number): number {
  return integerOption(name, value, fallback, min, {
    value: MAX_TIMER_MS,
    why: 'the longest delay a timer takes; about 24.8 days',
  });
}

/** A function option; `fallback` when absent. */
export function functionOption<F>(name: string, value: unknown, fallback: F): F {
  if (value === undefined) return fallback;
  if (typeof value !== 'function') throw optionError(name, 'a function', value);
  return value as F;
}

/**
 * An object option whose `methods` must be functions (and `optionalMethods` functions when present): the source, the
 * store, the logger, the scheduler. `fallback` when absent (undefined: the option is required).
 */
export function methodsOption<T extends object>(
  name: string,
  value: unknown,
  fallback: T | undefined,
  methods: readonly string[],
  optionalMethods: readonly string[] = [],
): T {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'object' || value === null) {
    const list =
      methods.length > 2 ? `${methods.slice(0, -1).join(', ')} and ${methods.at(-1)}` : methods.join(' and ');
    throw optionError(name, `an object with ${list} methods`, value);
  }
  const record = value as Record<string, unknown>;
  for (const method of methods) {
    if (typeof record[method] !== 'function') throw optionError(`${name}.${method}`, 'a function', record[method]);
  }
  for (const method of optionalMethods) {
    if (record[method] !== undefined && typeof record[method] !== 'function') {
      throw optionError(`${name}.${method}`, 'a function when present', record[method]);
    }
  }
  return value as T;
}

/** The effects the service and the endpoint take from their host: where they log, their wall clock, their timers. */
export interface EffectOptions {
  /** Default: warnings and errors to the console. */
  logger?: Logger;
  /** Wall clock: the service stamps `computedAt` with it, the endpoint `pong.serverTime`. Default `Date.now`. */
  now?: () => number;
  /** The clock and timers of every delay the part waits (see the README). Default Node's. */
  scheduler?: Scheduler;
}

export function resolveEffects(options: EffectOptions): Required<EffectOptions> {
  return {
    logger: methodsOption('logger', options.logger, consoleLogger, ['debug', 'info', 'warn', 'error']),
    now: functionOption('now', options.now, Date.now),
    scheduler: methodsOption('scheduler', options.scheduler, systemScheduler, ['now', 'schedule']),
  };
}
