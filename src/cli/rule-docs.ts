import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

/**
 * The doc page of a rule, read from disk next to its module (src/rules/defs/<id>.md): the CLI
 * runs from the repository, and the docs stay plain Markdown the web app imports as text.
 */
export async function readRuleDoc(id: string): Promise<string> {
  const url = new URL(`../rules/defs/${id}.md`, import.meta.url)
  return readFile(fileURLToPath(url), 'utf8')
}
