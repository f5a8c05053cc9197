// The demo's page: a top bar (project, mode, simulation rate, connection), the sidebar and the board, and in live mode
// the devtools panel. The mode's provider feeds the components; the HTTP API is called from here only.
// The panel comes from the production entry on purpose: the demo is what users look at, so `--prod` shows it too, and
// its code is a chunk of its own, loaded when it first renders.
import { SnapshotDevtools } from '@livesnap/devtools/production';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { FeedConnectionIndicator } from './components/connection-indicator.js';
import { KanbanBoard } from './components/kanban-board.js';
import { type ProjectOption, ProjectSwitcher } from './components/project-switcher.js';
import { Sidebar } from './components/sidebar.js';
import { SimulationRate } from './components/simulation-rate.js';
import { addWorkspace, fetchProjects, fetchSimulation, runWorkspaceAction, setSimulationRate } from './demo-api.js';
import { LiveFeedProvider } from './feeds/live-feed-provider.js';

// The old polling is a chunk of its own: the live page loads no TanStack Query.
const PollFeedProvider = lazy(() =>
  import('./feeds/poll-feed-provider.js').then((module) => ({ default: module.PollFeedProvider })),
);

/** `live`: the stream (the default); `poll`: the old polling endpoints (`?mode=poll`). */
export type FeedMode = 'live' | 'poll';

export interface AppProps {
  mode: FeedMode;
  /** The project asked for in the URL (`?project=`), if any. */
  initialProjectId: string | null;
}

interface Loaded {
  projects: ProjectOption[];
  eventsPerSecond: number;
}

/** The whole page, for one mode; the project can change without a reload. */
export function App({ mode, initialProjectId }: AppProps) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [projectId, setProjectId] = useState(initialProjectId);

  useEffect(() => {
    Promise.all([fetchProjects(), fetchSimulation()]).then(
      ([projects, simulation]) => setLoaded({ projects, eventsPerSecond: simulation.eventsPerSecond }),
      (error: unknown) => setLoadError(error instanceof Error ? error.message : String(error)),
    );
  }, []);

  const selectProject = useCallback(
    (id: string) => {
      setProjectId(id);
      history.replaceState(null, '', `?${new URLSearchParams({ project: id, ...(mode === 'poll' ? { mode } : {}) })}`);
    },
    [mode],
  );
  const changeRate = useCallback((eventsPerSecond: number) => {
    void setSimulationRate(eventsPerSecond).then((state) =>
      setLoaded((current) => current && { ...current, eventsPerSecond: state.eventsPerSecond }),
    );
  }, []);

  if (loadError !== null) return <p className="failure">The demo's API did not answer: {loadError}</p>;
  if (loaded === null) return <p className="loading">Loading…</p>;
  const project = loaded.projects.find((p) => p.id === projectId) ?? loaded.projects[0];
  if (!project) return <p className="failure">The demo has no projects.</p>;

  const page = (
    <>
      <header className="topbar">
        <h1>Livesnap demo</h1>
        <ProjectSwitcher projects={loaded.projects} value={project.id} onChange={selectProject} />
        <ModeSwitch mode={mode} projectId={project.id} />
        <SimulationRate eventsPerSecond={loaded.eventsPerSecond} onChange={changeRate} />
        <FeedConnectionIndicator />
      </header>
      <div className="layout">
        <Sidebar onAddWorkspace={() => addWorkspace(project.id)} />
        <KanbanBoard onAction={runWorkspaceAction} />
      </div>
    </>
  );
  return mode === 'poll' ? (
    <Suspense fallback={<p className="loading">Loading…</p>}>
      <PollFeedProvider projectId={project.id}>{page}</PollFeedProvider>
    </Suspense>
  ) : (
    <LiveFeedProvider projectId={project.id}>
      {page}
      {/* Behind its own toggle (the round button), open until the user closes it; it remembers that choice. */}
      <SnapshotDevtools initialIsOpen />
    </LiveFeedProvider>
  );
}

/** A link to the same project in the other mode (a new page load: each mode has its own feed). */
function ModeSwitch({ mode, projectId }: { mode: FeedMode; projectId: string }) {
  const other = mode === 'live' ? 'poll' : 'live';
  const href = `?${new URLSearchParams({ project: projectId, ...(other === 'poll' ? { mode: 'poll' } : {}) })}`;
  return (
    <span className="mode" data-mode={mode}>
      {mode === 'live' ? 'live stream' : 'polling (2 s / 15 s)'} ·{' '}
      <a href={href}>switch to {other === 'live' ? 'the live stream' : 'polling'}</a>
    </span>
  );
}
