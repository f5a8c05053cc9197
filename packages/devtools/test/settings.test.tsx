// The toggle remembers whether the panel is open and which corner its button sits in, across remounts and reloads.
import type { SnapshotClient } from '@livesnap/client';
import { MockSnapshotServer } from '@livesnap/client/testing';
import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SnapshotDevtools, type SnapshotDevtoolsProps } from '../src/index.js';
import { clientOf } from './support.js';

let client: SnapshotClient;

afterEach(() => {
  client?.close();
  vi.restoreAllMocks();
});

function mount(props: Omit<SnapshotDevtoolsProps, 'client'> = {}) {
  client = clientOf(new MockSnapshotServer());
  return render(<SnapshotDevtools client={client} {...props} />);
}

const toggle = (name = 'Livesnap devtools') => screen.getByRole('button', { name });
const panel = () => screen.queryByRole('complementary', { name: 'Livesnap devtools' });

describe('the remembered settings', () => {
  it('keep the open state and the corner across remounts', () => {
    const first = mount();
    expect(toggle().dataset.position).toBe('bottom-right');
    fireEvent.click(toggle());
    fireEvent.change(screen.getByRole('combobox', { name: 'button position' }), { target: { value: 'top-left' } });
    expect(toggle().dataset.position).toBe('top-left');
    expect(panel()!.dataset.position).toBe('top-left');
    first.unmount();

    const second = mount();
    expect(toggle().getAttribute('aria-expanded')).toBe('true');
    expect(panel()).not.toBeNull();
    expect(toggle().dataset.position).toBe('top-left');
    fireEvent.click(toggle());
    second.unmount();

    mount();
    expect(panel()).toBeNull();
    expect(toggle().dataset.position).toBe('top-left');
  });

  it('start from initialIsOpen and buttonPosition while nothing is stored, and the stored choice wins after', () => {
    const first = mount({ initialIsOpen: true, buttonPosition: 'top-right' });
    expect(panel()).not.toBeNull();
    expect(toggle().dataset.position).toBe('top-right');
    fireEvent.click(toggle());
    first.unmount();
    mount({ initialIsOpen: true, buttonPosition: 'top-right' });
    expect(panel()).toBeNull();
  });

  it('are kept apart for panels with their own storageKey', () => {
    mount({ storageKey: 'one' });
    fireEvent.click(toggle());
    const other = clientOf(new MockSnapshotServer());
    render(<SnapshotDevtools client={other} storageKey="two" buttonPosition="top-left" />);
    const [one, two] = screen.getAllByRole('button', { name: 'Livesnap devtools' });
    expect([one!.getAttribute('aria-expanded'), two!.getAttribute('aria-expanded')]).toEqual(['true', 'false']);
    expect(JSON.parse(localStorage.getItem('one')!)).toEqual({ open: true, position: 'bottom-right' });
    expect(localStorage.getItem('two')).toBeNull();
    other.close();
  });

  it('still work, for the page, where storage refuses writes', () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('quota exceeded', 'QuotaExceededError');
    });
    const first = mount({ storageKey: 'refused' });
    fireEvent.click(toggle());
    expect(panel()).not.toBeNull();
    first.unmount();
    mount({ storageKey: 'refused' });
    expect(panel()).not.toBeNull();
  });
});
