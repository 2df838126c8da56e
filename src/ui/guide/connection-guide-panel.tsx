import { useId, useMemo, useState } from 'react'
import {
  CLOUD_DATA_PLANES,
  CLOUD_NAMES,
  cloudNamed,
  PUBLIC_CLOUD_NAME,
} from '../../catalog/clouds.ts'
import { SERVICES } from '../../catalog/services.ts'
import { connectionGuide } from '../../guide/derive-guide.ts'
import { settingValue } from '../../guide/markdown.ts'
import { appSnippet, connectionSnippet, installCommand } from '../../guide/snippets/assemble.ts'
import {
  LANGUAGE_LABELS,
  LANGUAGES,
  rolesPhrase,
  type AppGuide,
  type DeveloperGuide,
  type Language,
} from '../../guide/types.ts'
import type { Design } from '../../model/types.ts'
import type { GuideView } from '../../store/types.ts'
import { CodeBlock } from '../a11y/code-block.tsx'
import { clipboardCopy, type CopyText } from './clipboard.ts'
import { CopyButton } from './copy-button.tsx'

export interface ConnectionGuidePanelProps {
  readonly design: Design
  /** Show one app only (and no developers); all apps and developers when absent. */
  readonly appId?: string
  readonly copy?: CopyText
  /** The language and cloud shown, kept by the caller (the designer's view); else the panel's own. */
  readonly view?: GuideView
  readonly onView?: (view: Partial<GuideView>) => void
}

const FIRST_VIEW: GuideView = { language: 'csharp', cloud: PUBLIC_CLOUD_NAME }

/** The connection guide of a design: settings, endpoints and client code per app, with copy buttons. */
export function ConnectionGuidePanel({
  design,
  appId,
  copy = clipboardCopy,
  view,
  onView,
}: ConnectionGuidePanelProps) {
  const [ownView, setOwnView] = useState(FIRST_VIEW)
  const { language, cloud } = view ?? ownView
  const change = onView ?? ((next: Partial<GuideView>) => setOwnView((v) => ({ ...v, ...next })))
  const guide = useMemo(() => connectionGuide(design, { cloud }), [design, cloud])
  const cloudId = useId()
  const apps = appId === undefined ? guide.apps : guide.apps.filter((a) => a.app === appId)
  return (
    <section className="guide-panel" aria-label="Connection guide">
      <h2 className="panel-title">Connection guide</h2>
      <div role="group" aria-label="Language" className="guide-languages">
        {LANGUAGES.map((l) => (
          <button
            key={l}
            type="button"
            aria-pressed={l === language}
            onClick={() => change({ language: l })}
          >
            {LANGUAGE_LABELS[l]}
          </button>
        ))}
      </div>
      <div className="guide-cloud">
        <label htmlFor={cloudId}>Cloud</label>
        <select
          id={cloudId}
          value={cloud}
          onChange={(e) => change({ cloud: cloudNamed(e.target.value) ?? PUBLIC_CLOUD_NAME })}
        >
          {CLOUD_NAMES.map((c) => (
            <option key={c} value={c}>
              {CLOUD_DATA_PLANES[c].label}
            </option>
          ))}
        </select>
      </div>
      {apps.length === 0 && (
        <p>{appId === undefined ? 'No apps in this design.' : `No app with id ${appId}.`}</p>
      )}
      {apps.map((app) => (
        <AppSection key={app.app} app={app} language={language} copy={copy} />
      ))}
      {appId === undefined &&
        guide.developers.map((d) => <DeveloperSection key={d.developer} dev={d} />)}
    </section>
  )
}

function AppSection({
  app,
  language,
  copy,
}: {
  app: AppGuide
  language: Language
  copy: CopyText
}) {
  const code = appSnippet(app, language)
  return (
    <article className="guide-app" aria-label={`Connections of ${app.name}`}>
      <h3>{app.name}</h3>
      {app.settings.length > 0 && (
        <table className="guide-settings">
          <caption>Settings</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
              <th scope="col" aria-label="Copy" />
            </tr>
          </thead>
          <tbody>
            {app.settings.map((s) => (
              <tr key={s.name}>
                <td>
                  <code>{s.name}</code>
                </td>
                <td>
                  <code>{settingValue(s)}</code>
                </td>
                <td>
                  <CopyButton
                    text={`${s.name}=${settingValue(s)}`}
                    label={`Copy setting ${s.name}`}
                    copy={copy}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ul className="guide-connections">
        {app.connections.map((c) => (
          <li key={`${c.service}|${c.credential.key}`}>
            {c.serviceName} ({SERVICES[c.serviceKind].label}) at <code>{c.endpoint}</code> through
            the {c.credential.label}
            {c.credential.setting ? (
              <>
                {' '}
                (<code>{c.credential.setting}</code>)
              </>
            ) : null}
            : {rolesPhrase(c)}{' '}
            <CopyButton
              text={connectionSnippet(app, c, language)}
              label={`Copy ${LANGUAGE_LABELS[language]} code for ${c.serviceName}`}
              copy={copy}
            />
          </li>
        ))}
      </ul>
      {app.notes.length > 0 && (
        <ul className="guide-notes">
          {app.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {app.connections.length > 0 && (
        <>
          <CodeBlock
            className="guide-install"
            label={`Install command of ${app.name}`}
            code={installCommand(app, language)}
          />
          <CodeBlock
            className={`guide-code language-${language}`}
            label={`${LANGUAGE_LABELS[language]} code of ${app.name}`}
            code={code}
          />
          <CopyButton
            text={code}
            label={`Copy ${LANGUAGE_LABELS[language]} code of ${app.name}`}
            copy={copy}
          />
        </>
      )}
    </article>
  )
}

function DeveloperSection({ dev }: { dev: DeveloperGuide }) {
  return (
    <article className="guide-developer" aria-label={`Local development for ${dev.name}`}>
      <h3>Local development: {dev.name}</h3>
      <ul>
        {dev.access.map((a) => (
          <li key={`${a.service}|${a.scope}`}>
            {a.serviceName}: {a.roles.join(', ')} ({a.scope})
          </li>
        ))}
      </ul>
      <ul className="guide-notes">
        {dev.notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </article>
  )
}
