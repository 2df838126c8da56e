import { PER_CONNECTION_PREFIX, SINGLE_IDENTITY_SETTING } from '../../plan/app-settings.ts'
import {
  rolesPhrase,
  type AppGuide,
  type GuideConnection,
  type GuideCredential,
  type Language,
} from '../types.ts'
import { csharp } from './csharp.ts'
import { java } from './java.ts'
import { python } from './python.ts'
import type { SnippetRenderer } from './renderer.ts'
import { typescript } from './typescript.ts'
import { wordsOf } from '../../lib/words.ts'

export const RENDERERS: Readonly<Record<Language, SnippetRenderer>> = {
  csharp,
  typescript,
  python,
  java,
}

function credentialWords(credential: GuideCredential, labelOf: (id: string) => string): string[] {
  if (credential.identity === 'system' || credential.setting === SINGLE_IDENTITY_SETTING)
    return ['credential']
  if (credential.setting?.startsWith(PER_CONNECTION_PREFIX))
    return [...wordsOf(credential.setting.slice(PER_CONNECTION_PREFIX.length)), 'credential']
  return [...wordsOf(labelOf(credential.identity)), 'credential']
}

function credentialComment(credential: GuideCredential): string {
  if (credential.identity === 'system')
    return 'The system-assigned identity: no client ID, so DefaultAzureCredential uses it in Azure (and your az login locally).'
  return credential.setting
    ? `The ${credential.label}: its client ID is in the ${credential.setting} setting (unset locally, where your az login is used).`
    : `The ${credential.label}: no setting names its client ID, so put it here.`
}

function connectionComment(c: GuideConnection): string {
  const roles = `${c.serviceName}: ${rolesPhrase(c)}`
  return c.serviceKind === 'containerRegistry' && c.clients.length === 0
    ? `${roles} (no client code: the notes say how images are pulled)`
    : roles
}

interface Part {
  readonly connection: GuideConnection
  readonly prefix: readonly string[]
}

function render(
  renderer: SnippetRenderer,
  parts: readonly Part[],
  identityName: (id: string) => string,
): string {
  const uses = parts.flatMap((p) => p.connection.clients)
  const credentials = parts
    .map((p) => p.connection.credential)
    .filter((c, i, all) => all.findIndex((x) => x.key === c.key) === i)
    .filter((c) =>
      parts.some(
        (p) =>
          p.connection.credential.key === c.key &&
          p.connection.clients.some((u) => renderer.usesCredential(u)),
      ),
    )
  const variable = (c: GuideCredential): string => renderer.ident(credentialWords(c, identityName))
  const blocks = [
    renderer.imports(
      uses,
      parts.some((p) => p.connection.credential.setting !== undefined),
    ),
    ...credentials.map((c) => [
      renderer.comment(credentialComment(c)),
      ...renderer.credential(c, variable(c)),
    ]),
    ...parts.map(({ connection, prefix }) => [
      renderer.comment(connectionComment(connection)),
      ...connection.clients.flatMap((use) =>
        renderer.client({ connection, use, credential: variable(connection.credential), prefix }),
      ),
    ]),
  ]
  return `${blocks.map((b) => b.join('\n')).join('\n\n')}\n`
}

/**
 * Client variables get the service's name in front when another connection uses the same SDK.
 * Names that give the same words (kv-a and kv_a) or none (a name without ASCII letters: the
 * node's id, else "service") get a number after the first, so no variable is declared twice.
 */
function prefixes(connections: readonly GuideConnection[]): Part[] {
  const parts = connections.map((connection) => {
    const shares = (other: GuideConnection): boolean =>
      other !== connection &&
      other.clients.some((u) => connection.clients.some((v) => u.sdk === v.sdk))
    if (!connections.some(shares)) return { connection, prefix: [] }
    const sameService = connections.some(
      (o) => shares(o) && o.serviceName === connection.serviceName,
    )
    const named = wordsOf(connection.serviceName)
    const words =
      named.length > 0
        ? named
        : wordsOf(connection.service).length > 0
          ? wordsOf(connection.service)
          : ['service']
    return {
      connection,
      prefix: sameService ? [...words, ...wordsOf(connection.credential.key)] : words,
    }
  })
  // Identifiers are the words joined (camelCase, snake_case): compare them joined.
  const taken = new Set<string>()
  return parts.map((part) => {
    if (part.prefix.length === 0) return part
    let prefix = part.prefix
    for (let k = 2; taken.has(prefix.join('')); k++) prefix = [...part.prefix, String(k)]
    taken.add(prefix.join(''))
    return { ...part, prefix }
  })
}

/** The code of a whole app: one credential per identity setting, then one client per connection. */
export function appSnippet(app: AppGuide, language: Language, identityName = nameOf(app)): string {
  return render(RENDERERS[language], prefixes(app.connections), identityName)
}

/** A connection's code on its own, for its copy button. */
export function connectionSnippet(
  app: AppGuide,
  connection: GuideConnection,
  language: Language,
): string {
  return render(RENDERERS[language], [{ connection, prefix: [] }], nameOf(app))
}

/** The install command of the packages an app's code imports. */
export function installCommand(app: AppGuide, language: Language): string {
  return RENDERERS[language].install(app.connections.flatMap((c) => c.clients))
}

function nameOf(app: AppGuide): (id: string) => string {
  return (id) => app.settings.find((s) => s.identity === id)?.identityName ?? id
}
