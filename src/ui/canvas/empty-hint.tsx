import { Glyph } from '../icons.tsx'

/** What an empty canvas says: how to start. */
export function EmptyCanvasHint() {
  return (
    <div className="empty-hint" aria-hidden="true">
      <Glyph name="app" size={32} />
      <p className="empty-title">Start your identity topology</p>
      <p>
        Drag an app, an identity, a service or a developer from the palette — or choose a template
        with <strong>New</strong>.
      </p>
      <p className="empty-sub">
        Connect an app to an identity it uses, and to the services it reaches.
      </p>
    </div>
  )
}
