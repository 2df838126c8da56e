/**
 * The doc page of a rule (src/rules/defs/<id>.md), compiled into the CLI as text: the docs stay
 * plain Markdown beside their rules, which the web app imports the same way. The glob is written
 * inside the function so the sources still run through tsx for every other command (the bench's
 * "before" figures); only a Vite build or Vitest resolves it.
 */
export async function readRuleDoc(id: string): Promise<string> {
  const docs = import.meta.glob<string>('../rules/defs/*.md', {
    query: '?raw',
    import: 'default',
    eager: true,
  })
  const doc = Object.entries(docs).find(([path]) => path.endsWith(`/${id}.md`))?.[1]
  if (doc === undefined) throw new Error(`no doc page for rule ${id}`)
  return doc
}
