// Id lists for the feeds: one array per list object (so reading it twice costs nothing), and an equality that keeps
// the previous array while the ids are the same, so a list re-renders only when membership or order changes.

/** `ids(list)`: the list's ids, the same array for the same list object. */
export function idsBy<T extends object>(idOf: (item: T) => string): (list: readonly T[]) => readonly string[] {
  const made = new WeakMap<readonly T[], readonly string[]>();
  return (list) => {
    let ids = made.get(list);
    if (ids === undefined) {
      ids = list.map(idOf);
      made.set(list, ids);
    }
    return ids;
  };
}

/** Whether two lists hold the same items in the same order. */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a === b || (a.length === b.length && a.every((item, i) => item === b[i]));
}
