import { useId, useMemo, useState, type KeyboardEvent } from 'react'
import { GUID_PATTERN, resolveRole, rolesForService, type RoleFact } from '../../catalog/roles.ts'
import type { ServiceKind } from '../../model/kinds.ts'
import { Icon } from '../icons.tsx'
import { ROLE_DESCRIPTIONS } from './role-descriptions.ts'

interface Option {
  readonly value: string
  readonly label: string
  readonly description: string
  readonly tags: readonly string[]
}

function tagsOf(fact: RoleFact): string[] {
  const tags: string[] = [fact.plane === 'data' ? 'data plane' : 'control plane']
  if (fact.privileged) tags.push('privileged')
  else if (fact.keyExposing) tags.push('exposes keys')
  if (fact.grant === 'cosmosSqlRbac') tags.push('Cosmos DB data role')
  if (fact.grant === 'sqlDatabaseRole') tags.push('SQL database role')
  return tags
}

function optionsFor(service: ServiceKind): Option[] {
  return rolesForService(service).map((fact) => ({
    value: fact.name,
    label: fact.name,
    description: ROLE_DESCRIPTIONS[fact.name] ?? '',
    tags: tagsOf(fact),
  }))
}

/** A role as written on the edge, with what is risky about it (for the chip's look and title). */
function chipTone(role: string, service: ServiceKind): { tone: string; note: string } {
  const ref = resolveRole(role)
  if (ref.kind === 'unknown') return { tone: 'bad', note: 'Unknown role' }
  if (ref.kind === 'custom') return { tone: '', note: 'Custom role (definition GUID)' }
  if (!ref.fact.services.includes('*') && !ref.fact.services.includes(service))
    return { tone: 'bad', note: 'This role does not apply to this service' }
  if (ref.fact.privileged) return { tone: 'bad', note: 'Privileged role' }
  if (ref.fact.keyExposing) return { tone: 'warn', note: 'Exposes keys' }
  return { tone: '', note: ROLE_DESCRIPTIONS[ref.fact.name] ?? '' }
}

/**
 * Searchable multi-select over the catalog roles of the target service, each with its
 * description; a role definition GUID may be typed for a custom role. An access keeps at least
 * one role, so the last one cannot be removed.
 */
export function RolePicker(props: {
  service: ServiceKind
  roles: readonly string[]
  onChange: (roles: string[]) => void
}) {
  const { service, roles, onChange } = props
  const [query, setQuery] = useState('')
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(0)
  const listId = useId()
  const all = useMemo(() => optionsFor(service), [service])
  const q = query.trim().toLowerCase()
  // Best first, so Enter takes what was typed: the role of that name, then names starting with
  // it, names holding it, descriptions holding it; catalog order within each.
  const rank = (o: Option): number => {
    const label = o.label.toLowerCase()
    if (q === '' || label === q) return 0
    if (label.startsWith(q)) return 1
    if (label.includes(q)) return 2
    return o.description.toLowerCase().includes(q) ? 3 : 4
  }
  const matches = all
    .filter((o) => !roles.includes(o.value) && rank(o) < 4)
    .sort((a, b) => rank(a) - rank(b))
  const trimmed = query.trim()
  const custom =
    GUID_PATTERN.test(trimmed) && !roles.some((r) => r.toLowerCase() === trimmed.toLowerCase())
      ? [
          {
            value: trimmed,
            label: `Custom role ${trimmed}`,
            description: 'A custom Azure RBAC role definition',
            tags: ['custom'],
          },
        ]
      : []
  const options = [...custom, ...matches]
  const current = Math.min(active, Math.max(options.length - 1, 0))

  // Added: the list closes (it would cover the inspector); the field keeps the focus, and
  // typing or an arrow key opens it again for the next role.
  const add = (value: string): void => {
    onChange([...roles, value])
    setQuery('')
    setActive(0)
    setOpen(false)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      setOpen(true)
      const step = event.key === 'ArrowDown' ? 1 : -1
      setActive((current + step + options.length) % Math.max(options.length, 1))
    } else if (event.key === 'Enter') {
      const option = options[current]
      if (open && option) {
        event.preventDefault()
        add(option.value)
      }
    } else if (event.key === 'Escape' && open) {
      event.stopPropagation()
      setOpen(false)
    }
  }

  return (
    <div className="role-picker">
      <ul className="role-chips" aria-label="Roles">
        {roles.map((role) => {
          const { tone, note } = chipTone(role, service)
          return (
            <li key={role} className={`role-token ${tone ? `is-${tone}` : ''}`} title={note}>
              <span>{role}</span>
              <button
                type="button"
                className="icon-button small"
                aria-label={`Remove role ${role}`}
                disabled={roles.length === 1}
                title={roles.length === 1 ? 'An access needs at least one role' : `Remove ${role}`}
                onClick={() => onChange(roles.filter((r) => r !== role))}
              >
                <Icon name="close" size={12} />
              </button>
            </li>
          )
        })}
      </ul>
      <input
        type="text"
        className="input"
        role="combobox"
        aria-label="Add role"
        aria-expanded={open && options.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && options[current] ? `${listId}-${current}` : undefined}
        placeholder="Search roles or paste a role GUID…"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value)
          setOpen(true)
          setActive(0)
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {open && options.length > 0 && (
        <ul
          className="role-options"
          role="listbox"
          id={listId}
          aria-label="Roles for this service"
          // Not a tab stop: Chromium makes a scrolling list one, and Tab into it closed the list
          // under the focus (the field's blur), dropping the keyboard on the page. The field
          // moves through the options (aria-activedescendant).
          tabIndex={-1}
          // Its scrollbar too keeps the focus in the field (the blur would close the list).
          onMouseDown={(e) => e.preventDefault()}
        >
          {options.map((o, i) => (
            <li
              key={o.value}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === current}
              className={i === current ? 'is-active' : ''}
              // mousedown, not click: the input's blur would close the list first.
              onMouseDown={(e) => {
                e.preventDefault()
                add(o.value)
              }}
            >
              <span className="role-option-name">{o.label}</span>
              <span className="role-option-desc">{o.description}</span>
              <span className="role-option-tags">
                {o.tags.map((t) => (
                  <span key={t} className={`tag tag-${t.replace(/\s+/g, '-')}`}>
                    {t}
                  </span>
                ))}
              </span>
            </li>
          ))}
        </ul>
      )}
      {open && trimmed !== '' && options.length === 0 && (
        <p className="field-error" role="status">
          No role matches “{trimmed}”. Paste a role definition GUID to use a custom role.
        </p>
      )}
    </div>
  )
}
