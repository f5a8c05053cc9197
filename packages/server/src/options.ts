// Options are checked when a part is created, and a wrong one is named with what was expected and the value it had,
// with its type: `coalesceMs must be an integer ≥ 0, got "100" (string)`.

/** A value as an error message shows it: its text, and its type in parentheses. */
export function describeValue(value: unknown): string {
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  else if (typeof value === 'function') text = value.name ? `function ${value.name}` : 'a function';
  else if (typeof value === 'object' && value !== null) text = previewObject(value);
  else text = String(value);
  return `${text} (${type})`;
}

function previewObject(value: object): string {
  try {
    const json = JSON.stringify(value);
    if (json !== undefined) return json.length > 80 ? `${json.slice(0, 80)}…` : json;
  } catch {
    // A cycle or a BigInt: fall through to the plain form.
  }
  return Object.prototype.toString.call(value);
}

/** The error for option `name`: `${name} must be ${expectation}, got ${value} (${type})`. */
export function optionError(name: string, expectation: string, value: unknown): TypeError {
  return new TypeError(`${name} must be ${expectation}, got ${describeValue(value)}`);
}

export function requireInteger(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer >= ${min}, got ${String(value)}`);
  }
  return value;
}
