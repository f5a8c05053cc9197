// What a story shows, read in the page, and whether that meets its expectation. Both run in the browser (through
// `page.waitForFunction`), so each is self-contained: no imports, no outside names.
import type { FactExpectation, StoryExpectation } from './expectations.js';

export interface StoryReading {
  indicator: { state: string; text: string } | null;
  sidebar: number | null;
  board: number | null;
  devtools: { status: string; facts: Record<string, string> } | null;
  text: string;
  present: Record<string, boolean>;
}

/** Reads the story's indicator, counts, devtools panel, text, and which of `selectors` match. */
export function readStory(selectors: readonly string[]): StoryReading {
  const count = (element: Element | null) => (element === null ? null : Number(element.textContent!.replace(/,/g, '')));
  const indicator = document.querySelector<HTMLElement>('.connection');
  const columns = [...document.querySelectorAll('.column .count')];
  const panel = document.querySelector('.lsd-root [aria-label="connection status"]');
  const facts: Record<string, string> = {};
  for (const pair of document.querySelectorAll('.lsd-root [aria-label="connection facts"] > div')) {
    facts[pair.querySelector('dt')!.textContent!] = pair.querySelector('dd')!.textContent!;
  }
  return {
    indicator: indicator && { state: indicator.dataset.state ?? '', text: indicator.textContent ?? '' },
    sidebar: count(document.querySelector('.sidebar .count')),
    board: columns.length === 0 ? null : columns.reduce((sum, c) => sum + Number(c.textContent!.replace(/,/g, '')), 0),
    devtools: panel && { status: panel.textContent ?? '', facts },
    text: document.body.textContent ?? '',
    present: Object.fromEntries(selectors.map((s) => [s, document.querySelector(s) !== null])),
  };
}

/** The ways `reading` falls short of `expected` (none: it meets it). */
export function shortfalls(reading: StoryReading, expected: StoryExpectation): string[] {
  const out: string[] = [];
  const fact = (value: string | undefined, want: FactExpectation) =>
    typeof want === 'object' ? value !== undefined && Number(value) >= want.atLeast : value === String(want);
  if (expected.indicator) {
    const { state, text } = expected.indicator;
    if (reading.indicator?.state !== state) out.push(`indicator state ${reading.indicator?.state}, not ${state}`);
    if (text !== undefined && !reading.indicator?.text.includes(text)) {
      out.push(`indicator text ${JSON.stringify(reading.indicator?.text)} lacks ${JSON.stringify(text)}`);
    }
  }
  if (expected.sidebar !== undefined && reading.sidebar !== expected.sidebar) {
    out.push(`sidebar count ${reading.sidebar}, not ${expected.sidebar}`);
  }
  if (expected.board !== undefined && reading.board !== expected.board) {
    out.push(`board count ${reading.board}, not ${expected.board}`);
  }
  if (expected.devtools) {
    const { status, facts = {} } = expected.devtools;
    if (reading.devtools === null) out.push('no devtools panel');
    else {
      if (status !== undefined && !reading.devtools.status.startsWith(status)) {
        out.push(`devtools status ${JSON.stringify(reading.devtools.status)}, not ${status}`);
      }
      for (const [term, want] of Object.entries(facts)) {
        const value = reading.devtools.facts[term];
        if (!fact(value, want)) out.push(`devtools ${term} ${JSON.stringify(value)}, not ${JSON.stringify(want)}`);
      }
    }
  }
  for (const text of expected.text ?? []) {
    if (!reading.text.includes(text)) out.push(`no text ${JSON.stringify(text)}`);
  }
  for (const selector of expected.present ?? []) {
    if (!reading.present[selector]) out.push(`nothing matches ${selector}`);
  }
  return out;
}
