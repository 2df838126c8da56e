// Every rule's doc page (src/rules/defs/<id>.md), compiled into the CLI as text: the docs stay
// plain Markdown beside their rules, which the web app imports the same way.
const DOCS = import.meta.glob<string>('../rules/defs/*.md', {
  query: '?raw',
  import: 'default',
  eager: true,
})

/** The doc page of a rule; the caller checks the id against the registry first. */
export async function readRuleDoc(id: string): Promise<string> {
  const doc = Object.entries(DOCS).find(([path]) => path.endsWith(`/${id}.md`))?.[1]
  if (doc === undefined) throw new Error(`no doc page for rule ${id}`)
  return doc
}
