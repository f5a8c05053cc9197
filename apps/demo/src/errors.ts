// Errors that carry the HTTP status they answer with: 400 bad input, 404 unknown id or path, 405 wrong method, 409 not
// possible in the workspace's current state, 413 body too large.

export type DemoErrorStatus = 400 | 404 | 405 | 409 | 413;

const CODES: Record<DemoErrorStatus, string> = {
  400: 'bad_request',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
};

export class DemoError extends Error {
  readonly status: DemoErrorStatus;

  constructor(status: DemoErrorStatus, message: string) {
    super(message);
    this.name = 'DemoError';
    this.status = status;
  }

  /** The error's short code in JSON answers (`bad_request`, `not_found`, …). */
  get code(): string {
    return CODES[this.status];
  }
}

export const badRequest = (message: string) => new DemoError(400, message);
export const notFound = (message: string) => new DemoError(404, message);
export const conflict = (message: string) => new DemoError(409, message);
