// The logger the server writes to: any object with these four methods (console, pino, …).

export type LogContext = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(message: string, context?: LogContext): void;
  info(message: string, context?: LogContext): void;
  warn(message: string, context?: LogContext): void;
  error(message: string, context?: LogContext): void;
}

/** Warnings and errors to the console; debug and info dropped. */
export const consoleLogger: Logger = {
  debug() {},
  info() {},
  warn: (message, context) => console.warn(`[livesnap] ${message}`, context ?? ''),
  error: (message, context) => console.error(`[livesnap] ${message}`, context ?? ''),
};

/** An error's message for a log context (a thrown non-Error as its string). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
