import { describe, expect, it, vi } from 'vitest';
import { listenForWake } from './wake.js';

function fakeDocument() {
  const target = new EventTarget() as EventTarget & { visibilityState: string };
  target.visibilityState = 'hidden';
  return target;
}

describe('listenForWake', () => {
  it('wakes when the page becomes visible, not when it is hidden', () => {
    const doc = fakeDocument();
    const onWake = vi.fn();
    listenForWake(onWake, { document: doc });
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(onWake).not.toHaveBeenCalled();
    doc.visibilityState = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(onWake).toHaveBeenCalledTimes(1);
  });

  it('wakes when the browser comes back online', () => {
    const win = new EventTarget();
    const onWake = vi.fn();
    listenForWake(onWake, { window: win });
    win.dispatchEvent(new Event('online'));
    expect(onWake).toHaveBeenCalledTimes(1);
  });

  it('stops listening when unsubscribed', () => {
    const doc = fakeDocument();
    const win = new EventTarget();
    const onWake = vi.fn();
    const stop = listenForWake(onWake, { document: doc, window: win });
    stop();
    doc.visibilityState = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
    win.dispatchEvent(new Event('online'));
    expect(onWake).not.toHaveBeenCalled();
  });

  it('does nothing without a document or window (Node)', () => {
    expect(() => listenForWake(() => {})()).not.toThrow();
  });
});
