// How fast the demo's simulated agents, CI and reviewers act.

/** The rates offered, in events per second (all projects together). */
export const SIMULATION_RATES = [0, 0.5, 1, 2, 5, 10, 20, 50, 100, 200] as const;

export interface SimulationRateProps {
  /** The current rate; one not in the list is shown as well. */
  eventsPerSecond: number;
  onChange: (eventsPerSecond: number) => void;
}

/** A select of simulation rates (0 pauses it). */
export function SimulationRate({ eventsPerSecond, onChange }: SimulationRateProps) {
  const rates = SIMULATION_RATES.includes(eventsPerSecond as (typeof SIMULATION_RATES)[number])
    ? SIMULATION_RATES
    : [...SIMULATION_RATES, eventsPerSecond].sort((a, b) => a - b);
  return (
    <label className="simulation-rate">
      Simulation{' '}
      <select value={eventsPerSecond} onChange={(event) => onChange(Number(event.target.value))}>
        {rates.map((rate) => (
          <option key={rate} value={rate}>
            {rate === 0 ? 'paused' : `${rate} events/s`}
          </option>
        ))}
      </select>
    </label>
  );
}
