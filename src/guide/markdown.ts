import { SERVICES } from '../catalog/services.ts'
import { appSnippet, installCommand, RENDERERS } from './snippets/assemble.ts'
import {
  LANGUAGE_LABELS,
  LANGUAGES,
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

function appSection(app: AppGuide, languages: readonly Language[]): string[] {
  const lines = [`## ${app.name} (${app.app})`, '']
  if (app.settings.length > 0) {
    lines.push('Settings:', '', '| name | value | for |', '| --- | --- | --- |')
    for (const s of app.settings)
      lines.push(
        `| \`${s.name}\` | \`${settingValue(s)}\` | ${s.service ? (app.connections.find((c) => c.service === s.service)?.serviceName ?? s.service) : 'every client'} |`,
      )
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
        `| ${c.serviceName} (${SERVICES[c.serviceKind].label}) | \`${c.endpoint}\` | ${c.credential.label}${c.credential.setting ? ` via \`${c.credential.setting}\`` : ''} | ${c.roles.join(', ')} |`,
      )
    lines.push('')
  }
  for (const note of app.notes) lines.push(`- ${note}`)
  if (app.notes.length > 0) lines.push('')
  if (app.connections.length === 0) return lines
  for (const language of languages) {
    const r = RENDERERS[language]
    lines.push(
      `### ${LANGUAGE_LABELS[language]}`,
      '',
      '```',
      installCommand(app, language),
      '```',
      '',
      `\`\`\`${r.fence}`,
      appSnippet(app, language).trimEnd(),
      '```',
      '',
    )
  }
  return lines
}

function developerSection(dev: DeveloperGuide): string[] {
  const lines = [`## Local development: ${dev.name} (${dev.principal})`, '']
  if (dev.access.length > 0) {
    lines.push('| service | roles | scope |', '| --- | --- | --- |')
    for (const a of dev.access)
      lines.push(
        `| ${a.serviceName} (${SERVICES[a.serviceKind].label}) | ${a.roles.join(', ')} | ${a.scope} |`,
      )
    lines.push('')
  }
  for (const note of dev.notes) lines.push(`- ${note}`)
  return [...lines, '']
}

/** The guide as Markdown: what `idtopo guide` prints and what a README or wiki page can hold. */
export function guideMarkdown(guide: ConnectionGuide, options: MarkdownOptions = {}): string {
  const languages = options.languages ?? LANGUAGES
  const lines = [`# Connection guide: ${guide.design}`, '']
  for (const app of guide.apps) lines.push(...appSection(app, languages))
  for (const dev of guide.developers) lines.push(...developerSection(dev))
  return `${lines.join('\n').trimEnd()}\n`
}
