// The page's calls to the demo's HTTP API (apps/demo/README.md): the projects, the simulation's rate, the actions on a
// workspace, a new workspace, and the polling endpoints' reads. An error answer rejects with the server's message.
import type { ProjectOption } from './components/project-switcher.js';
import type { CardAction } from './components/views.js';

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const value: unknown = text === '' ? null : JSON.parse(text);
  if (!response.ok) {
    const message = (value as { error?: { message?: string } } | null)?.error?.message;
    throw new Error(message ?? `${method} ${path} answered ${response.status}`);
  }
  return value as T;
}

export const getJson = <T>(path: string) => request<T>('GET', path);

export const fetchProjects = () => request<ProjectOption[]>('GET', '/api/projects');

export interface SimulationState {
  eventsPerSecond: number;
  paused: boolean;
}

export const fetchSimulation = () => request<SimulationState>('GET', '/api/simulation');

export const setSimulationRate = (eventsPerSecond: number) =>
  request<SimulationState>('PUT', '/api/simulation', { eventsPerSecond });

/** Runs a card's action; `ask` asks for plan approval. */
export const runWorkspaceAction = async (workspaceId: string, action: CardAction): Promise<void> => {
  await request('POST', `/api/workspaces/${encodeURIComponent(workspaceId)}/actions/${action}`, {});
};

export const addWorkspace = (projectId: string) =>
  request<{ workspaceId: string }>('POST', `/api/projects/${encodeURIComponent(projectId)}/workspaces`, {});
