// A child process of lightweight receiving clients: raw `ws` sockets that only count frames, so that the process
// under measurement is the server, not its clients. Driven over IPC by the benchmark runner.
import { WebSocket } from 'ws';

type Command =
  // `urls`: the clients are spread over them in turn (several server instances); otherwise all on `url`.
  | { type: 'connect'; url: string; urls?: string[]; clients: number }
  | { type: 'expect'; frames: number }
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

process.on('message', (command: Command) => {
  if (command.type === 'connect') {
    counts = new Array(command.clients).fill(0);
    let greeted = 0;
    sockets = counts.map((_, i) => {
      const socket = new WebSocket(command.urls ? command.urls[i % command.urls.length]! : command.url);
      socket.on('message', () => {
        counts[i]! += 1;
        if (counts[i] === 1 && ++greeted === command.clients) report({ type: 'greeted' });
        else checkDone();
      });
      socket.on('error', (error) => report({ type: 'error', message: error.message }));
      return socket;
    });
  } else if (command.type === 'expect') {
    // Frames after the first (the hello) each client must have received.
    target = command.frames + 1;
    checkDone();
  } else {
    for (const socket of sockets) socket.terminate();
    sockets = [];
    report({ type: 'closed' });
  }
});
