import { posix, win32 } from 'node:path'
import { INTERNAL_ERROR_RULE } from '../rules/engine.ts'
import { RULES } from '../rules/registry.ts'
import type { Finding, Severity } from '../rules/types.ts'
import type { Design } from '../model/types.ts'
import packageJson from '../../package.json'

const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
}

const INFORMATION_URI =
  'https://learn.microsoft.com/entra/identity/managed-identities-azure-resources/overview'

/** Rule descriptors: every registered rule, plus internal-error when a rule crashed. */
function descriptors(findings: readonly Finding[]) {
  const rules = RULES.map(({ meta }) => ({
    id: meta.id,
    name: meta.id,
    shortDescription: { text: meta.description },
    fullDescription: { text: meta.description },
    helpUri: meta.learnMore,
    help: { text: `${meta.description} Run \`idtopo explain ${meta.id}\` for the full page.` },
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: { subject: meta.subject },
  }))
  if (findings.some((f) => f.rule === INTERNAL_ERROR_RULE))
    rules.push({
      id: INTERNAL_ERROR_RULE,
      name: INTERNAL_ERROR_RULE,
      shortDescription: { text: 'A rule failed while checking the design.' },
      fullDescription: { text: 'A rule failed while checking the design.' },
      helpUri: INFORMATION_URI,
      help: { text: 'A rule threw an error; the other rules still ran. Please report it.' },
      defaultConfiguration: { level: 'error' },
      properties: { subject: 'design' },
    })
  return rules
}

type Frame = { readonly array: true } | { array: false; key: string | undefined; atKey: boolean }

/** The end (closing quote) of the JSON string that opens at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1
  return i
}

/** A JSON string token's value (`\u0065`, `\/` decoded), or undefined if it is none. */
function stringValue(token: string): string | undefined {
  try {
    const value: unknown = JSON.parse(token)
    return typeof value === 'string' ? value : undefined
  } catch {
    return undefined
  }
}

/**
 * The 1-based line of every node's and edge's id in the design text (`nodes[i].id` and
 * `edges[i].id` of the top-level object; the last one when a key repeats, as JSON.parse reads
 * it), so that code scanning can point at it. One pass over the JSON tokens: an `"id"` inside an
 * unknown field is not taken for the node's, and escapes are decoded, so an id written
 * `"\u00651"` is found as `e1`. Lines end at `\n` (SARIF's default newlineSequences, §3.14.26,
 * are `\r\n` and `\n`).
 */
function idLines(text: string | undefined): ReadonlyMap<string, number> {
  const lines = new Map<string, number>()
  if (text === undefined) return lines
  const stack: Frame[] = []
  let line = 1
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    const top = stack[stack.length - 1]
    if (c === '\n') line++
    else if (c === '{') stack.push({ array: false, key: undefined, atKey: true })
    else if (c === '[') stack.push({ array: true })
    else if (c === '}' || c === ']') stack.pop()
    else if ((c === ',' || c === ':') && top && !top.array) top.atKey = c === ','
    else if (c === '"') {
      const end = stringEnd(text, i)
      if (top && !top.array && top.atKey) {
        // Only the keys on the way to an id are read: the document's and a node's or edge's.
        top.key =
          stack.length === 1 || stack.length === 3 ? stringValue(text.slice(i, end + 1)) : undefined
      } else if (isIdValue(stack)) {
        const id = stringValue(text.slice(i, end + 1))
        if (id !== undefined) lines.set(id, line)
      }
      i = end
    }
  }
  return lines
}

/** Is the value about to be read `nodes[i].id` or `edges[i].id` of the document? */
function isIdValue(stack: readonly Frame[]): boolean {
  const [doc, list, item] = stack
  return (
    stack.length === 3 &&
    doc !== undefined &&
    !doc.array &&
    (doc.key === 'nodes' || doc.key === 'edges') &&
    list?.array === true &&
    item !== undefined &&
    !item.array &&
    item.key === 'id'
  )
}

/** Where idtopo runs: a design path is read against `cwd`, with the host's path rules. */
export interface SarifPlace {
  readonly cwd: string
  /** Windows path rules: `\` separates too; `C:\…` and `\\server\share\…` are absolute. */
  readonly windows: boolean
}

function hostPlace(): SarifPlace {
  return { cwd: process.cwd(), windows: process.platform === 'win32' }
}

/** The uriBaseId of a design path given inside the working directory. */
const SRCROOT = '%SRCROOT%'

/**
 * One path segment in a URI: every character but RFC 3986's unreserved ones and `!'()*`
 * percent-encoded as UTF-8 (§2.1, §3.3), so spaces, `#`, `?`, `%`, quotes, backslashes, controls,
 * non-ASCII and `:` (a first segment `C:` would read as a scheme) never reach the URI raw. A lone
 * surrogate has no UTF-8 form: it is U+FFFD, as a file system shows it.
 */
function uriSegment(segment: string): string {
  return encodeURIComponent(segment.replace(/\p{Cs}/gu, '\uFFFD'))
}

/** An absolute path as a `file:` URI without a host (SARIF §3.10.2), or with a UNC share's. */
function fileUri(absolute: string, windows: boolean): string {
  if (!windows) return `file://${absolute.split('/').map(uriSegment).join('/')}`
  if (absolute.startsWith('\\\\')) {
    const [host = '', ...rest] = absolute.slice(2).split('\\')
    return `file://${uriSegment(host)}/${rest.map(uriSegment).join('/')}`
  }
  const [drive = '', ...rest] = absolute.split('\\')
  const root = /^[A-Za-z]:$/.test(drive) ? drive : uriSegment(drive)
  return `file:///${root}/${rest.map(uriSegment).join('/')}`
}

/**
 * The design file as a SARIF artifactLocation (SARIF 2.1.0 §3.4, §3.10). GitHub code scanning
 * reads a relative URI from the repository root, turns an absolute `file:` URI inside the checkout
 * into a relative one, and matches nothing else to a repository file:
 * - a file inside the working directory is a relative reference from it, with uriBaseId
 *   %SRCROOT% (§3.4.4): run from the repository root, as pipelines do, that is the path GitHub
 *   matches, and the log is the same on every machine (§3.4.7);
 * - any other file (an absolute path elsewhere, a `../` path) is an absolute `file:` URI with `..`
 *   resolved (§3.10.2): GitHub makes it relative when it lies in the checkout;
 * - `-`, standard input, stays `-`: there is no file, but GitHub refuses a result without one.
 */
function artifactLocation(file: string, place: SarifPlace): { uri: string; uriBaseId?: string } {
  if (file === '-') return { uri: '-' }
  const paths = place.windows ? win32 : posix
  const absolute = paths.resolve(place.cwd, file)
  const relative = paths.relative(place.cwd, absolute)
  const outside =
    relative === '' ||
    relative === '..' ||
    relative.startsWith(`..${paths.sep}`) ||
    paths.isAbsolute(relative)
  if (outside) return { uri: fileUri(absolute, place.windows) }
  return { uri: relative.split(paths.sep).map(uriSegment).join('/'), uriBaseId: SRCROOT }
}

/** What findingsSarif may be told besides the findings: for tests, where and which version. */
export interface SarifOptions {
  readonly version?: string
  readonly place?: SarifPlace
}

/**
 * A message as SARIF plain text: backslashes and square brackets escaped with a backslash, so that
 * no name in it forms an embedded link (§3.11.6: a viewer draws `[text](target)` as a link, and a
 * target may be any URI), and braces doubled, so that none reads as a placeholder (§3.11.5 SHALL).
 * CodeQL writes its messages so, and GitHub and the CodeQL extension read them back
 * (github/vscode-codeql, sarif-utils.ts unescapeSarifText).
 */
export const plainText = (text: string): string =>
  text.replace(/[\\[\]]/g, '\\$&').replace(/[{}]/g, '$&$&')

/**
 * The findings as SARIF 2.1.0, so that pipelines (GitHub code scanning, Azure DevOps) show them:
 * one result per finding with its rule id and level, the design file as the artifact, and the
 * subject as a logical location (a node or an edge of the design, or the design itself).
 */
export function findingsSarif(
  file: string,
  design: Design,
  findings: readonly Finding[],
  text?: string,
  { version = packageJson.version, place = hostPlace() }: SarifOptions = {},
): unknown {
  const rules = descriptors(findings)
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]))
  const kinds = new Map<string, string>([
    ...design.nodes.map((n): [string, string] => [n.id, `${n.kind} node`]),
    ...design.edges.map((e): [string, string] => [e.id, `${e.kind} edge`]),
  ])
  const location = artifactLocation(file, place)
  const lines = idLines(text)
  const physical = (id: string | null) => {
    // A finding about the whole design points at the document's first line: GitHub places a
    // result by its region's startLine (its ingestion rule GH1003 asks for one in every result).
    const line = id === null ? 1 : lines.get(id)
    return {
      artifactLocation: { ...location, index: 0 },
      ...(line !== undefined ? { region: { startLine: line } } : {}),
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'idtopo', version, informationUri: INFORMATION_URI, rules },
        },
        ...(location.uriBaseId !== undefined
          ? {
              originalUriBaseIds: {
                [SRCROOT]: {
                  // No uri: the folder differs between machines and may name a user (§3.14.14).
                  description: { text: 'The working directory idtopo ran in.' },
                },
              },
            }
          : {}),
        artifacts: [{ location }],
        results: findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: ruleIndex.get(f.rule),
          level: LEVEL[f.severity],
          message: { text: plainText(f.message) },
          locations: [
            {
              physicalLocation: physical(f.subject),
              logicalLocations: [
                f.subject === null
                  ? { name: design.name, kind: 'module' }
                  : {
                      name: f.subject,
                      fullyQualifiedName: `${design.name}/${f.subject}`,
                      kind: kinds.get(f.subject) ?? 'object',
                    },
              ],
            },
          ],
          ...(f.related && f.related.length > 0
            ? {
                relatedLocations: f.related.map((id, i) => ({
                  id: i + 1,
                  // GitHub's ingestion rules (SARIF validator GH1001) want one in every location.
                  physicalLocation: physical(id),
                  logicalLocations: [{ name: id, kind: kinds.get(id) ?? 'object' }],
                })),
              }
            : {}),
          partialFingerprints: { 'idtopo/subject/v1': `${f.rule}|${f.subject ?? ''}` },
        })),
      },
    ],
  }
}
