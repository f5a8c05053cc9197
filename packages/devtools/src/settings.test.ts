import { describe, expect, it } from 'vitest';
import { parseSettings } from './settings.js';

const defaults = { open: false, position: 'bottom-right' } as const;

describe('parseSettings', () => {
  it('takes the stored open state and corner', () => {
    expect(parseSettings('{"open":true,"position":"top-left"}', defaults)).toEqual({
      open: true,
      position: 'top-left',
    });
  });

  it.each([
    ['nothing stored', null],
    ['not JSON', '{open'],
    ['not an object', '"yes"'],
    ['fields of the wrong type', '{"open":"true","position":3}'],
    ['an unknown corner', '{"open":false,"position":"middle"}'],
  ])('takes the defaults for %s', (_, raw) => {
    expect(parseSettings(raw, defaults)).toEqual(defaults);
  });

  it('takes each field it understands, and the default for the other', () => {
    expect(parseSettings('{"open":true,"position":"middle"}', defaults)).toEqual({
      open: true,
      position: 'bottom-right',
    });
  });
});
