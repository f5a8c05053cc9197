// Stories whose component reads its data from the story's client: the docs page documents the component's props
// (from its types), while a story's args are the props it may set, plus the mock server's.
import type { ComponentType } from 'react';
import type { MockSocketArgs } from './mock-socket.js';

/** The args of a story of a component with `Props`: any of its props, and the mock server's. */
export type LiveArgs<Props> = Partial<Props> & MockSocketArgs;

/** `component`, as the meta of stories that fill some of its required props from the client, not from args. */
export function documented<Props>(component: ComponentType<Props>): ComponentType<LiveArgs<Props>> {
  return component as ComponentType<LiveArgs<Props>>;
}
