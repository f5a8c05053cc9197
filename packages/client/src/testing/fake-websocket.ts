// An in-process WebSocket class: the browser API subset that the client uses, with the other
// end held by a MockSnapshotServer. Runs anywhere (browser, jsdom, Storybook, Node); every delivery is a microtask.

/** The server's end of one connection, as a transport gives it to the mock server. */
export interface MockPeer {
  /** Sends a frame: a string is a text frame, bytes a binary frame. */
  send(data: string | ArrayBuffer | Uint8Array): void;
  /** Closes with a close frame: the client sees `code`. */
  close(code: number, reason?: string): void;
  /** Drops the connection without a close frame: the client sees `error`, then `close` with 1006, as in a browser. */
  terminate(): void;
}

/** What a transport calls on the mock server's side of a connection. */
export interface MockServerSide {
  receive(data: string | ArrayBuffer): void;
  closed(code: number): void;
}

/** How the mock server wants the transport to treat a new connection. */
export type Admission = 'accept' | 'never-open' | 'network-error';

/** The mock server as the transports see it. */
export interface MockTransportTarget {
  admission(): Admission;
  accept(url: string, peer: MockPeer): MockServerSide;
}

export interface FakeEvent {
  readonly type: string;
  readonly target: FakeWebSocket;
}
export interface FakeMessageEvent extends FakeEvent {
  readonly data: string | ArrayBuffer | Uint8Array;
}
export interface FakeCloseEvent extends FakeEvent {
  readonly code: number;
  readonly reason: string;
  readonly wasClean: boolean;
}

type Listener = (event: never) => void;
type ListenerObject = { handleEvent(event: never): void };

export interface FakeWebSocket {
  readonly CONNECTING: 0;
  readonly OPEN: 1;
  readonly CLOSING: 2;
  readonly CLOSED: 3;
  readonly url: string;
  readonly protocol: string;
  readonly extensions: string;
  readonly readyState: 0 | 1 | 2 | 3;
  readonly bufferedAmount: number;
  binaryType: 'blob' | 'arraybuffer';
  onopen: ((event: FakeEvent) => void) | null;
  onmessage: ((event: FakeMessageEvent) => void) | null;
  onclose: ((event: FakeCloseEvent) => void) | null;
  onerror: ((event: FakeEvent) => void) | null;
  addEventListener(type: string, listener: Listener | ListenerObject): void;
  removeEventListener(type: string, listener: Listener | ListenerObject): void;
  dispatchEvent(event: FakeEvent): boolean;
  send(data: string | ArrayBuffer | Uint8Array): void;
  close(code?: number, reason?: string): void;
}

export interface FakeWebSocketConstructor {
  new (url: string, protocols?: string | string[]): FakeWebSocket;
  readonly CONNECTING: 0;
  readonly OPEN: 1;
  readonly CLOSING: 2;
  readonly CLOSED: 3;
}

/** A WebSocket class whose every instance connects to `target`. */
export function createFakeWebSocketClass(target: MockTransportTarget): FakeWebSocketConstructor {
  class FakeSocket implements FakeWebSocket {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSING = 2;
    static readonly CLOSED = 3;
    readonly CONNECTING = 0;
    readonly OPEN = 1;
    readonly CLOSING = 2;
    readonly CLOSED = 3;
    readonly url: string;
    readonly protocol = '';
    readonly extensions = '';
    readonly bufferedAmount = 0;
    binaryType: 'blob' | 'arraybuffer' = 'blob';
    readyState: 0 | 1 | 2 | 3 = 0;
    onopen: ((event: FakeEvent) => void) | null = null;
    onmessage: ((event: FakeMessageEvent) => void) | null = null;
    onclose: ((event: FakeCloseEvent) => void) | null = null;
    onerror: ((event: FakeEvent) => void) | null = null;
    #listeners: { type: string; listener: Listener | ListenerObject }[] = [];
    #side: MockServerSide | null = null;

    constructor(url: string) {
      this.url = url;
      queueMicrotask(() => this.#admit());
    }

    #admit() {
      if (this.readyState !== 0) return;
      const admission = target.admission();
      if (admission === 'never-open') return;
      if (admission === 'network-error') {
        this.#fail();
        return;
      }
      this.readyState = 1;
      this.dispatchEvent({ type: 'open', target: this });
      const peer: MockPeer = {
        send: (data) => queueMicrotask(() => this.#deliver(data)),
        close: (code, reason = '') => this.#closeFromServer(code, reason, true),
        terminate: () => this.#closeFromServer(1006, '', false),
      };
      this.#side = target.accept(this.url, peer);
    }

    #deliver(data: string | ArrayBuffer | Uint8Array) {
      if (this.readyState !== 1) return;
      const event: FakeMessageEvent = { type: 'message', target: this, data };
      this.dispatchEvent(event);
    }

    #closeFromServer(code: number, reason: string, wasClean: boolean) {
      if (this.readyState >= 2) return;
      this.readyState = 2;
      queueMicrotask(() => this.#finish(code, reason, wasClean));
    }

    /** A connection that could not be made: `error`, then `close` with 1006, as in a browser. */
    #fail() {
      this.readyState = 3;
      this.dispatchEvent({ type: 'error', target: this });
      this.dispatchEvent({ type: 'close', target: this, code: 1006, reason: '', wasClean: false } as FakeCloseEvent);
    }

    /** A browser fires `error` before the `close` of a connection that ended without a close frame. */
    #finish(code: number, reason: string, wasClean: boolean) {
      if (this.readyState === 3) return;
      this.readyState = 3;
      this.#side?.closed(code);
      if (!wasClean) this.dispatchEvent({ type: 'error', target: this });
      this.dispatchEvent({ type: 'close', target: this, code, reason, wasClean } as FakeCloseEvent);
    }

    send(data: string | ArrayBuffer | Uint8Array) {
      if (this.readyState === 0) throw new Error('InvalidStateError: the WebSocket is still CONNECTING');
      if (this.readyState !== 1) return;
      const copy = typeof data === 'string' ? data : data instanceof ArrayBuffer ? data.slice(0) : data.slice().buffer;
      queueMicrotask(() => {
        if (this.readyState === 1) this.#side?.receive(copy);
      });
    }

    close(code?: number, reason = '') {
      if (code !== undefined && code !== 1000 && (code < 3000 || code > 4999)) {
        throw new Error(`InvalidAccessError: close code ${code} is neither 1000 nor in 3000-4999`);
      }
      if (new TextEncoder().encode(reason).length > 123) {
        throw new Error('SyntaxError: a close reason must be at most 123 bytes of UTF-8');
      }
      if (this.readyState >= 2) return;
      if (this.readyState === 0) {
        this.readyState = 2;
        queueMicrotask(() => this.#fail());
        return;
      }
      this.readyState = 2;
      queueMicrotask(() => this.#finish(code ?? 1005, reason, true));
    }

    addEventListener(type: string, listener: Listener | ListenerObject) {
      if (!this.#listeners.some((l) => l.type === type && l.listener === listener))
        this.#listeners.push({ type, listener });
    }

    removeEventListener(type: string, listener: Listener | ListenerObject) {
      this.#listeners = this.#listeners.filter((l) => !(l.type === type && l.listener === listener));
    }

    dispatchEvent(event: FakeEvent): boolean {
      const handler = (this as unknown as Record<string, unknown>)[`on${event.type}`];
      if (typeof handler === 'function') handler.call(this, event);
      for (const { type, listener } of this.#listeners.slice()) {
        if (type !== event.type) continue;
        if (typeof listener === 'function') (listener as (event: FakeEvent) => void)(event);
        else (listener.handleEvent as (event: FakeEvent) => void)(event);
      }
      return true;
    }
  }
  return FakeSocket;
}
