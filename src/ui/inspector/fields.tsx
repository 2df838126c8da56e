import { useId, useState, type ReactNode } from 'react'

/**
 * A labelled form row with an optional hint and an inline error (the value is refused) or
 * warning (the value is kept, but something will not take it).
 */
export function Field(props: {
  label: string
  hint?: ReactNode
  error?: string
  warning?: string
  children: (id: string, describedBy?: string) => ReactNode
}) {
  const id = useId()
  const hintId = `${id}-hint`
  const describedBy = props.error || props.warning || props.hint ? hintId : undefined
  return (
    <div className={`field${props.error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.children(id, describedBy)}
      {props.error ? (
        <p id={hintId} className="field-error" role="alert">
          {props.error}
        </p>
      ) : props.warning ? (
        <p id={hintId} className="field-warning" role="status">
          {props.warning}
        </p>
      ) : props.hint ? (
        <p id={hintId} className="field-hint">
          {props.hint}
        </p>
      ) : null}
    </div>
  )
}

/**
 * A text input that commits on Enter or blur (one undo step per edit, not per keystroke),
 * reverts on Escape, and shows why a value is refused while typing.
 */
export function CommitText(props: {
  label: string
  value: string
  validate: (text: string) => string | undefined
  /** What is wrong with a value that is still taken (Azure would refuse the name, say). */
  warn?: (text: string) => string | undefined
  onCommit: (text: string) => void
  hint?: ReactNode
}) {
  const { value, validate, onCommit } = props
  const [text, setText] = useState(value)
  // When the value changes from outside (undo, another edit), show it: derive, not effect.
  const [shown, setShown] = useState(value)
  if (shown !== value) {
    setShown(value)
    setText(value)
  }
  const error = validate(text)
  const warning = error ? undefined : props.warn?.(text)
  // Invalid text stays, with its error beside it, until it is fixed or Escape reverts it: what
  // was typed is never thrown away without a word.
  const commit = (): void => {
    if (text !== value && !error) onCommit(text)
  }
  return (
    <Field
      label={props.label}
      hint={props.hint}
      {...(error ? { error } : {})}
      {...(warning ? { warning } : {})}
    >
      {(id, describedBy) => (
        <input
          id={id}
          className="input"
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          // The saved value: Escape with nothing to revert leaves the inspector (outline view).
          data-committed={value}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit()
            if (e.key === 'Escape') setText(value)
          }}
        />
      )}
    </Field>
  )
}

export function Select<T extends string>(props: {
  label: string
  value: T
  options: readonly { value: T; label: string; disabled?: boolean }[]
  onChange: (value: T) => void
  hint?: ReactNode
  error?: string
}) {
  return (
    <Field label={props.label} hint={props.hint} {...(props.error ? { error: props.error } : {})}>
      {(id, describedBy) => (
        <select
          id={id}
          className="input"
          value={props.value}
          aria-describedby={describedBy}
          aria-invalid={props.error ? true : undefined}
          onChange={(e) => props.onChange(e.target.value as T)}
        >
          {props.options.map((o) => (
            <option key={o.value} value={o.value} disabled={o.disabled}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}
