import { describe, expect, it } from 'vitest';
import { normalizeOrigin, originCheck } from './origins.js';

describe('normalizeOrigin', () => {
  it.each([
    ['https://app.example.com', 'https://app.example.com'],
    ['https://App.Example.COM:443', 'https://app.example.com'],
    ['HTTPS://app.example.com/', 'https://app.example.com'],
    ['http://app.example.com:80', 'http://app.example.com'],
    ['http://app.example.com:8080', 'http://app.example.com:8080'],
    ['https://app.example.com:80', 'https://app.example.com:80'],
    ['http://127.0.0.1:5173', 'http://127.0.0.1:5173'],
    ['http://[::1]:3000', 'http://[::1]:3000'],
    ['chrome-extension://ABCDEF', 'chrome-extension://abcdef'],
  ])('reads %s as %s', (value, expected) => {
    expect(normalizeOrigin(value)).toBe(expected);
  });

  it.each([
    'null',
    '',
    'app.example.com',
    'https://app.example.com/app',
    'https://app.example.com?x=1',
    'https://app.example.com#top',
    'https://user:secret@app.example.com',
    'file:///tmp/page.html',
  ])('is null for %j, which is not an origin', (value) => {
    expect(normalizeOrigin(value)).toBeNull();
  });
});

describe('originCheck', () => {
  it('allows any origin when the option is absent', () => {
    expect(originCheck(undefined)('https://anything.test')).toBe(true);
  });

  it('allows a request without Origin, whatever the option', () => {
    expect(originCheck(['https://a.test'])(undefined)).toBe(true);
    expect(originCheck(() => false)(undefined)).toBe(true);
  });

  it('allows exactly the listed origins, compared normalised, never as substrings', () => {
    const allowed = originCheck(['https://app.example.com', 'HTTP://LOCALHOST:5173/']);
    expect(allowed('https://app.example.com')).toBe(true);
    expect(allowed('https://App.example.com:443')).toBe(true);
    expect(allowed('http://localhost:5173')).toBe(true);
    expect(allowed('https://app.example.co')).toBe(false);
    expect(allowed('https://example.com')).toBe(false);
    expect(allowed('https://app.example.com.evil.test')).toBe(false);
    expect(allowed('http://app.example.com')).toBe(false);
    expect(allowed('https://app.example.com:8443')).toBe(false);
    expect(allowed('null')).toBe(false);
  });

  it('asks a predicate with the normalised origin, and allows only on true', () => {
    const asked: string[] = [];
    const allowed = originCheck((origin: string) => {
      asked.push(origin);
      return origin.endsWith('.app.test');
    });
    expect(allowed('https://A.App.Test:443')).toBe(true);
    expect(allowed('https://app.evil')).toBe(false);
    expect(allowed('null')).toBe(false);
    expect(asked).toEqual(['https://a.app.test', 'https://app.evil']);
    expect(originCheck(() => 'yes' as unknown as boolean)('https://a.test')).toBe(false);
  });

  it.each<[string, unknown, string]>([
    ['a string', 'https://app.example.com', '"https://app.example.com" (string)'],
    ['a Set', new Set(['https://app.example.com']), '{} (object)'],
    ['true', true, 'true (boolean)'],
    ['null', null, 'null (null)'],
  ])('refuses %s with a TypeError naming the option', (_name, value, got) => {
    expect(() => originCheck(value)).toThrow(
      new TypeError(`allowedOrigins must be an array of origins or a function, got ${got}`),
    );
  });

  it('refuses a list entry that is not an origin, naming its index', () => {
    expect(() => originCheck(['https://ok.test', 'app.example.com'])).toThrow(
      new TypeError('allowedOrigins[1] must be an origin (scheme://host[:port]), got "app.example.com" (string)'),
    );
    expect(() => originCheck([42])).toThrow(
      new TypeError('allowedOrigins[0] must be an origin (scheme://host[:port]), got 42 (number)'),
    );
  });
});
