/** A page of `ids` in order, `limit` of them after `after`, as a keyset query on the id answers it. */
export function idPage(ids: readonly string[], after: string | null, limit: number): string[] {
  return [...ids]
    .sort()
    .filter((id) => after === null || id > after)
    .slice(0, limit);
}
