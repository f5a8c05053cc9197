// Every test unmounts what it rendered (Testing Library cleans up by itself only with vitest's globals, off here).
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(cleanup);
