// Which project the page shows.

export interface ProjectOption {
  id: string;
  name: string;
  workspaceCount: number;
}

export interface ProjectSwitcherProps {
  projects: readonly ProjectOption[];
  value: string;
  onChange: (projectId: string) => void;
}

/** A select of the projects, each with its workspace count. */
export function ProjectSwitcher({ projects, value, onChange }: ProjectSwitcherProps) {
  return (
    <label className="project-switcher">
      Project{' '}
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        {projects.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name} ({p.workspaceCount.toLocaleString('en')})
          </option>
        ))}
      </select>
    </label>
  );
}
