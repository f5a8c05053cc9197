// A child process of lightweight receiving clients: raw `ws` sockets that only count messages, so that the process
// under measurement is the server, not its clients. Driven over IPC by the benchmark runner.
import { WebSocket } from 'ws';

type Command =
  // `urls`: the clients are spread over them in turn (several server instances); otherwise all on `url`.
  | { type: 'connect'; url: string; urls?: string[]; clients: number }
  // Stream messages after the hello that each client must have received (a batch frame holds several).
  | { type: 'expect'; messages: number }
  | { type: 'close' };

let sockets: WebSocket[] = [];
let counts: number[] = [];
let target: number | null = null;

function report(message: unknown) {
  process.send?.(message);
}

function checkDone() {
  if (target !== null && counts.every((count) => count >= target!)) {
    target = null;
    report({ type: 'done' });
  }
}

const BATCH_PREFIX = Buffer.from('{"type":"batch"');

/**
 * How many messages a frame carries: a batch (several instances' commits may reach a subscriber as one frame) is
 * parsed to count them; any other frame is one, unread, so that counting costs this process next to nothing.
 */
function messagesIn(frame: Buffer): number {
  if (frame.length < BATCH_PREFIX.length || BATCH_PREFIX.compare(frame, 0, BATCH_PREFIX.length) !== 0) return 1;
  return (JSON.parse(frame.toString()) as { messages: unknown[] }).messages.length;
}

process.on('message', (command: Command) => {
  if (command.type === 'connect') {
    counts = new Array(command.clients).fill(0);
    let greeted = 0;
    sockets = counts.map((_, i) => {
      const socket = new WebSocket(command.urls ? command.urls[i % command.urls.length]! : command.url);
      socket.on('message', (data) => {
        counts[i]! += messagesIn(data as Buffer);
        if (counts[i] === 1 && ++greeted === command.clients) report({ type: 'greeted' });
        else checkDone();
      });
      socket.on('error', (error) => report({ type: 'error', message: error.message }));
      return socket;
    });
  } else if (command.type === 'expect') {
    // The hello counts as one.
    target = command.messages + 1;
    checkDone();
  } else {
    for (const socket of sockets) socket.terminate();
    sockets = [];
    report({ type: 'closed' });
  }
});
