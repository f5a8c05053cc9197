import { describe, expect, it, vi } from 'vitest';
import { manualFrames } from '../test/support.js';
import { createFrameScheduler } from './frame-scheduler.js';

describe('createFrameScheduler', () => {
  it('runs once at the next frame, however often it was scheduled', () => {
    const frames = manualFrames();
    const run = vi.fn();
    const scheduler = createFrameScheduler(run, frames.source);
    for (let i = 0; i < 50; i++) scheduler.schedule();
    expect(run).not.toHaveBeenCalled();
    frames.frame();
    expect(run).toHaveBeenCalledTimes(1);
    frames.frame();
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('schedules again after a run', () => {
    const frames = manualFrames();
    const run = vi.fn();
    const scheduler = createFrameScheduler(run, frames.source);
    scheduler.schedule();
    frames.frame();
    scheduler.schedule();
    frames.frame();
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('runs nothing once cancelled', () => {
    const frames = manualFrames();
    const run = vi.fn();
    const scheduler = createFrameScheduler(run, frames.source);
    scheduler.schedule();
    scheduler.cancel();
    expect(frames.pending.size).toBe(0);
    frames.frame();
    expect(run).not.toHaveBeenCalled();
  });
});
