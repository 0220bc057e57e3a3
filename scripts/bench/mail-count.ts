import { readCaughtMail } from '../../mail/caught-mail';

/** Messages the mail catcher holds for each tag's applicants (addresses `<tag>-<n>@…`), and how many distinct. */
export async function caughtMailByTag(mailDir: string, tags: readonly string[]): Promise<Record<string, { messages: number; distinct: number }>> {
  const mail = await readCaughtMail(mailDir);
  const counts: Record<string, { messages: number; ids: Set<string> }> = Object.fromEntries(tags.map((t) => [t, { messages: 0, ids: new Set<string>() }]));
  const patterns = tags.map((tag) => [tag, new RegExp(`^${tag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-\\d+@`)] as const);
  for (const m of mail) {
    for (const [tag, pattern] of patterns) {
      if (!m.to.some((to) => pattern.test(to))) continue;
      counts[tag].messages += 1;
      counts[tag].ids.add(m.messageId);
    }
  }
  return Object.fromEntries(Object.entries(counts).map(([tag, c]) => [tag, { messages: c.messages, distinct: c.ids.size }]));
}
