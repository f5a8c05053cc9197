// Every test unmounts what it rendered and starts with empty storage (the panel remembers its settings there).
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
  // The bundle test runs on Node, where there is none.
  if (typeof localStorage !== 'undefined') localStorage.clear();
});
