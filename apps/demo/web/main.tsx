// The page's entry: the mode (`?mode=poll` for the old polling, the live stream otherwise) and the project from the URL.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import './components/demo.css';

const params = new URLSearchParams(location.search);
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App mode={params.get('mode') === 'poll' ? 'poll' : 'live'} initialProjectId={params.get('project')} />
  </StrictMode>,
);
