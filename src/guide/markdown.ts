import { CLOUD_DATA_PLANES } from '../catalog/clouds.ts'
import { SERVICES } from '../catalog/services.ts'
import { markdownCode, markdownFence, markdownItem, markdownText } from '../lib/encode/markdown.ts'
import { appSnippet, installCommand, RENDERERS } from './snippets/assemble.ts'
import {
  LANGUAGE_LABELS,
  LANGUAGES,
  rolesPhrase,
  type AppGuide,
  type ConnectionGuide,
  type DeveloperGuide,
  type Language,
} from './types.ts'

export interface MarkdownOptions {
  readonly languages?: readonly Language[]
}

/** A setting's value, or how to get it while the identity does not exist yet. */
export function settingValue(setting: AppGuide['settings'][number]): string {
  return setting.value ?? `<client ID of ${setting.identityName}>`
}

// Every text from the design goes through markdownText (headings, cells), markdownItem (notes, which
// may start with a name) or markdownCode (values, endpoints); code blocks get a fence no line of
// their code can close.
const text = markdownText

function appSection(app: AppGuide, languages: readonly Language[]): string[] {
  const lines = [`## ${text(app.name)} (${text(app.app)})`, '']
  if (app.settings.length > 0) {
    lines.push('Settings:', '', '| name | value | for |', '| --- | --- | --- |')
    for (const s of app.settings) {
      const service = s.service
        ? (app.connections.find((c) => c.service === s.service)?.serviceName ?? s.service)
        : undefined
      lines.push(
        `| ${markdownCode(s.name)} | ${markdownCode(settingValue(s))} | ${service === undefined ? 'every client' : text(service)} |`,
      )
    }
    lines.push('')
  }
  if (app.connections.length > 0) {
    lines.push(
      'Connections:',
      '',
      '| service | endpoint | identity | roles |',
      '| --- | --- | --- | --- |',
    )
    for (const c of app.connections)
      lines.push(
        `| ${text(c.serviceName)} (${SERVICES[c.serviceKind].label}) | ${markdownCode(c.endpoint)} | ${text(c.credential.label)}${c.credential.setting ? ` via ${markdownCode(c.credential.setting)}` : ''} | ${text(rolesPhrase(c))} |`,
      )
    lines.push('')
  }
  for (const note of app.notes) lines.push(`- ${markdownItem(note)}`)
  if (app.notes.length > 0) lines.push('')
  if (app.connections.length === 0) return lines
  for (const language of languages) {
    const r = RENDERERS[language]
    lines.push(
      `### ${LANGUAGE_LABELS[language]}`,
      '',
      ...markdownFence(installCommand(app, language)),
      '',
      ...markdownFence(appSnippet(app, language).trimEnd(), r.fence),
      '',
    )
  }
  return lines
}

function developerSection(dev: DeveloperGuide): string[] {
  const lines = [`## Local development: ${text(dev.name)} (${dev.principal})`, '']
  if (dev.access.length > 0) {
    lines.push('| service | roles | scope |', '| --- | --- | --- |')
    for (const a of dev.access)
      lines.push(
        `| ${text(a.serviceName)} (${SERVICES[a.serviceKind].label}) | ${text(a.roles.join(', '))} | ${a.scope} |`,
      )
    lines.push('')
  }
  for (const note of dev.notes) lines.push(`- ${markdownItem(note)}`)
  return [...lines, '']
}

/** The guide as Markdown: what `idtopo guide` prints and what a README or wiki page can hold. */
export function guideMarkdown(guide: ConnectionGuide, options: MarkdownOptions = {}): string {
  const languages = options.languages ?? LANGUAGES
  const cloud = guide.cloud ? ` (${CLOUD_DATA_PLANES[guide.cloud].label})` : ''
  const lines = [`# Connection guide: ${text(guide.design)}${cloud}`, '']
  for (const app of guide.apps) lines.push(...appSection(app, languages))
  for (const dev of guide.developers) lines.push(...developerSection(dev))
  return `${lines.join('\n').trimEnd()}\n`
}
