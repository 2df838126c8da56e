/** What Tab can stop at, in the browser's own terms. */
const TABBABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

/** The first element under `root` that Tab would stop at and that is shown. */
function firstTabbable(root: Element | null): HTMLElement | undefined {
  if (!root) return undefined
  return [...root.querySelectorAll<HTMLElement>(TABBABLE)].find(
    (el) => el.tabIndex >= 0 && el.getClientRects().length > 0,
  )
}

/** Where each link takes the focus: the first of its places that is on the page. */
const TARGETS: readonly { readonly label: string; readonly places: readonly string[] }[] = [
  {
    label: 'Skip to the design',
    places: [
      // The outline view's current row, else the canvas's tab stop (it passes the focus on to a
      // node or line: use-tab-stop.ts), else the view's tabs.
      '.center-views [role="tree"] [role="treeitem"][tabindex="0"]',
      '.center-views .canvas-tab-stop',
      '.center-views [role="tablist"]',
    ],
  },
  { label: 'Skip to the inspector', places: ['.inspector'] },
  { label: 'Skip to the problems', places: ['.bottom-panel [role="tab"][aria-selected="true"]'] },
]

function focusTarget(places: readonly string[]): void {
  for (const place of places) {
    const found = document.querySelector<HTMLElement>(place)
    const target = found && found.tabIndex >= 0 ? found : firstTabbable(found)
    if (target) {
      target.focus()
      return
    }
  }
}

/**
 * The first stops of the Tab order (WCAG's "bypass blocks"): past the toolbar and the palette
 * to the design, the inspector or the problems. Without them a keyboard user tabs through the
 * toolbar, the palette and the canvas's controls to reach the inspector. Shown while one of them
 * has the focus.
 */
export function SkipLinks() {
  return (
    <nav className="skip-links" aria-label="Skip links">
      {TARGETS.map((t) => (
        <button key={t.label} type="button" onClick={() => focusTarget(t.places)}>
          {t.label}
        </button>
      ))}
    </nav>
  )
}
