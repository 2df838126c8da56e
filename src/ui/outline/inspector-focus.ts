/** Where the keyboard goes in the inspector from the outline. */
export type InspectorTarget =
  | { readonly to: 'first' }
  /** The Name field, its text selected (F2: rename). */
  | { readonly to: 'name' }
  /** The first button of one of the subject's findings (its fix, or "About this rule"). */
  | { readonly to: 'finding'; readonly index: number }

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex="0"]'
/** The inspector draws the new selection within a frame or two; give up after this. */
const TRIES = 20

/**
 * Moves the keyboard focus into the inspector once it shows the selection the outline just made
 * (the inspector is the one place where nodes and connections are edited, from either view).
 */
export function focusInspector(target: InspectorTarget, subjectName: string | undefined): void {
  let tries = 0
  const attempt = (): void => {
    const el = find(target, subjectName)
    if (el) {
      el.focus()
      if (target.to === 'name' && el instanceof HTMLInputElement) el.select()
    } else if (++tries < TRIES) setTimeout(attempt, 16)
  }
  setTimeout(attempt, 0)
}

function find(target: InspectorTarget, subjectName: string | undefined): HTMLElement | null {
  const inspector = document.querySelector<HTMLElement>('aside.inspector')
  if (!inspector) return null
  // Wait until the inspector shows the subject (its heading is the selected node's name).
  const heading = inspector.querySelector('h2')?.textContent ?? ''
  if (subjectName !== undefined && heading !== subjectName) return null
  const body = inspector.querySelector<HTMLElement>('.inspector-body')
  if (!body) return null
  switch (target.to) {
    case 'first':
      // The first thing to edit: not Focus beside the node's kind, which only changes the view.
      return (
        [...body.querySelectorAll<HTMLElement>(FOCUSABLE)].find(
          (el) => !el.closest('.inspector-kind-row'),
        ) ?? null
      )
    case 'name': {
      const label = [...body.querySelectorAll('label')].find((l) => l.textContent === 'Name')
      return label?.htmlFor ? document.getElementById(label.htmlFor) : null
    }
    case 'finding': {
      const findings = body.querySelectorAll('.inspector-findings .finding')
      return findings[target.index]?.querySelector<HTMLElement>('button') ?? null
    }
  }
}
