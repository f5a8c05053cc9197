// The panel's stylesheet, injected with it (no CSS framework, nothing for the app to import). Every rule is scoped
// under `.lsd-root`, so the app's styles and the panel's do not meet.
export const STYLESHEET = `
.lsd-root { --lsd-bg: #111827; --lsd-fg: #e5e7eb; --lsd-dim: #9ca3af; --lsd-line: #374151; --lsd-accent: #60a5fa;
  font: 12px/1.4 ui-sans-serif, system-ui, sans-serif; color: var(--lsd-fg); }
.lsd-root *, .lsd-root *::before, .lsd-root *::after { box-sizing: border-box; }
.lsd-root button, .lsd-root select, .lsd-root input { font: inherit; color: inherit; background: #1f2937;
  border: 1px solid var(--lsd-line); border-radius: 4px; padding: 2px 8px; }
.lsd-root button { cursor: pointer; }
.lsd-root button:hover { border-color: var(--lsd-accent); }
.lsd-root :focus-visible { outline: 2px solid var(--lsd-accent); outline-offset: 1px; }
.lsd-root button[aria-pressed="true"] { background: #1e3a8a; }
.lsd-toggle { position: fixed; z-index: 99999; width: 40px; height: 40px; border-radius: 50% !important;
  background: var(--lsd-bg) !important; box-shadow: 0 2px 8px rgb(0 0 0 / 0.4); font-weight: 700; }
.lsd-panel { position: fixed; z-index: 99998; width: min(760px, calc(100vw - 16px)); max-height: calc(100vh - 72px);
  overflow: auto; background: var(--lsd-bg); border: 1px solid var(--lsd-line); border-radius: 8px;
  box-shadow: 0 8px 24px rgb(0 0 0 / 0.5); }
.lsd-toggle[data-position$="right"], .lsd-panel[data-position$="right"] { right: 8px; }
.lsd-toggle[data-position$="left"], .lsd-panel[data-position$="left"] { left: 8px; }
.lsd-toggle[data-position^="bottom"] { bottom: 8px; }
.lsd-toggle[data-position^="top"] { top: 8px; }
.lsd-panel[data-position^="bottom"] { bottom: 56px; }
.lsd-panel[data-position^="top"] { top: 56px; }
.lsd-header { position: sticky; top: 0; display: flex; gap: 8px; align-items: center; padding: 6px 10px;
  background: var(--lsd-bg); border-bottom: 1px solid var(--lsd-line); }
.lsd-header h2 { flex: 1; margin: 0; font-size: 13px; }
.lsd-section { padding: 8px 10px; border-bottom: 1px solid var(--lsd-line); }
.lsd-section h3 { margin: 0 0 6px; font-size: 12px; color: var(--lsd-dim); text-transform: uppercase; }
.lsd-row { display: flex; flex-wrap: wrap; gap: 6px 16px; align-items: center; }
.lsd-facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(110px, 1fr)); gap: 6px 12px; margin: 6px 0; }
.lsd-facts dt { color: var(--lsd-dim); }
.lsd-facts dd { margin: 0; font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
.lsd-status { display: inline-block; padding: 0 6px; border-radius: 9px; font-weight: 700; background: #4b5563; }
.lsd-status[data-status="open"] { background: #166534; }
.lsd-status[data-status="connecting"], .lsd-status[data-status="reconnecting"] { background: #92400e; }
.lsd-status[data-status="closed"] { background: #991b1b; }
.lsd-scroll { max-height: 220px; overflow: auto; contain: content; }
.lsd-table { width: 100%; border-collapse: collapse; font-family: ui-monospace, monospace; }
.lsd-table caption { text-align: left; color: var(--lsd-dim); padding-bottom: 4px; }
.lsd-table th { position: sticky; top: 0; background: var(--lsd-bg); text-align: left; color: var(--lsd-dim);
  font-weight: 400; }
.lsd-table th, .lsd-table td { padding: 1px 6px; border-bottom: 1px solid #1f2937; white-space: nowrap; }
.lsd-table td.lsd-wrap { white-space: normal; }
.lsd-table td.lsd-error { color: #fca5a5; white-space: normal; }
.lsd-table button { padding: 0 4px; }
.lsd-age { display: inline-block; vertical-align: top; width: 6ch; height: 1.4em; overflow: hidden; contain: strict; }
.lsd-json { margin: 6px 0 0; padding: 8px; max-height: 300px; overflow: auto; background: #030712;
  border: 1px solid var(--lsd-line); border-radius: 4px; font: 11px/1.4 ui-monospace, monospace; }
.lsd-note { color: var(--lsd-dim); }
`;
