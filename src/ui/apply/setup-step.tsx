import { useId, useState } from 'react'
import { AZURE_CLOUDS, cloudOf } from '../../apply/clouds.ts'
import {
  cloudMismatch,
  DEFAULT_ARM_ENDPOINT,
  DEFAULT_AUTHORITY,
  type EntraSettings,
  type SettingsField,
  settingsInCloud,
  settingsProblem,
} from '../../apply/entra-settings.ts'
import type { Tenant } from '../../apply/gateway.ts'
import type { SignedInAccount } from '../../apply/ports.ts'
import { useDesigner, useStoreApi } from '../store-context.tsx'
import { useApply } from './apply-context.tsx'
import { SandboxSettings } from './sandbox-settings.tsx'

/** What the setup leads to: apply binds the design; import and compare read the group. */
export interface SetupAction {
  readonly label: string
  readonly run: () => void
  /** Whether a location for new identities matters (apply only). */
  readonly location: boolean
  /** What the Azure target does, under its name (the apply dialog's: apply to a subscription). */
  readonly azure?: string
}

/**
 * Where to apply (or read from): the sandbox (no sign-in) or Azure (sign-in), then subscription
 * and group, and the step's own action (Bind resources, unless given).
 */
export function SetupStep({ action }: { action?: SetupAction }) {
  const target = useApply((s) => s.target)
  const chooseTarget = useApply((s) => s.chooseTarget)
  const busy = useApply((s) => s.busy)
  const name = useId()
  return (
    <div className="apply-setup">
      <fieldset className="target-choice">
        <legend>Target</legend>
        <label>
          <input
            type="radio"
            name={name}
            checked={target === 'sandbox'}
            onChange={() => void chooseTarget('sandbox')}
            disabled={busy !== null}
          />
          <span>
            <strong>Sandbox</strong>
            <span className="muted">
              An emulation of Azure Resource Manager in this page. No account needed; state is kept
              in this browser.
            </span>
          </span>
        </label>
        <label>
          <input
            type="radio"
            name={name}
            checked={target === 'azure'}
            onChange={() => void chooseTarget('azure')}
            disabled={busy !== null}
          />
          <span>
            <strong>Azure</strong>
            <span className="muted">
              {action?.azure ?? 'Sign in with Microsoft Entra ID and apply to a real subscription.'}
            </span>
          </span>
        </label>
      </fieldset>
      {target === 'azure' && <AzureAccount />}
      <ScopePicker action={action} />
      {target === 'sandbox' && <SandboxSettings />}
    </div>
  )
}

function AzureAccount() {
  const entra = useApply((s) => s.entra)
  const account = useApply((s) => s.account)
  const signIn = useApply((s) => s.signIn)
  const signOut = useApply((s) => s.signOut)
  // While MSAL loads (or a sign-in runs) there is nothing to sign in with yet.
  const busy = useApply((s) => s.busy !== null)
  const [editing, setEditing] = useState(false)
  if (!entra || editing) return <EntraSettingsForm onDone={() => setEditing(false)} />
  return (
    <div className="azure-account">
      {account ? (
        <>
          <span>
            Signed in as <strong>{account.name}</strong>{' '}
            <span className="muted">({account.username})</span>
          </span>
          <button
            type="button"
            className="button small"
            disabled={busy}
            onClick={() => void signIn(true)}
          >
            Switch account
          </button>
          <button
            type="button"
            className="button small"
            disabled={busy}
            onClick={() => void signOut()}
          >
            Sign out
          </button>
        </>
      ) : (
        <button
          type="button"
          className="button primary"
          disabled={busy}
          onClick={() => void signIn()}
        >
          Sign in to Azure
        </button>
      )}
      <button type="button" className="link-button" onClick={() => setEditing(true)}>
        Settings
      </button>
    </div>
  )
}

const SETTINGS_FIELDS: readonly { field: SettingsField; label: string; placeholder: string }[] = [
  {
    field: 'clientId',
    label: 'Application (client) ID',
    placeholder: '00000000-0000-0000-0000-000000000000',
  },
  { field: 'authority', label: 'Authority', placeholder: DEFAULT_AUTHORITY },
  { field: 'armEndpoint', label: 'ARM endpoint', placeholder: DEFAULT_ARM_ENDPOINT },
]

const OTHER_CLOUD = 'other'

function EntraSettingsForm({ onDone }: { onDone: () => void }) {
  const entra = useApply((s) => s.entra)
  const saveEntra = useApply((s) => s.saveEntra)
  const designer = useStoreApi()
  const id = useId()
  const [values, setValues] = useState<EntraSettings>(
    entra ?? { clientId: '', authority: DEFAULT_AUTHORITY, armEndpoint: DEFAULT_ARM_ENDPOINT },
  )
  const problems = SETTINGS_FIELDS.map(
    ({ field }) =>
      settingsProblem(field, values[field]) ??
      (field === 'armEndpoint' ? cloudMismatch(values) : undefined),
  )
  const valid = problems.every((p) => p === undefined)
  const cloud = cloudOf(values.armEndpoint)
  return (
    <form
      className="entra-settings"
      onSubmit={(e) => {
        e.preventDefault()
        if (!valid) return
        void saveEntra(values)
        // The Guide's code and the exports then name the cloud this applies to, as it would.
        if (cloud) designer.getState().setGuideView({ cloud: cloud.name })
        onDone()
      }}
    >
      <p className="muted">
        Azure sign-in needs a Microsoft Entra app registration (single-page application, redirect
        URI <code>{new URL('redirect.html', document.baseURI).href}</code>, delegated permission
        Azure Service Management / user_impersonation). The authority is{' '}
        <code>https://login.microsoftonline.com/&lt;tenant&gt;</code> (or another cloud&apos;s, or
        the sign-in sandbox&apos;s issuer). See the README.
      </p>
      <div className="field">
        <label htmlFor={`${id}-cloud`}>Cloud</label>
        <select
          id={`${id}-cloud`}
          value={cloud?.name ?? OTHER_CLOUD}
          onChange={(e) =>
            setValues(
              settingsInCloud(
                values,
                AZURE_CLOUDS.find((c) => c.name === e.target.value),
              ),
            )
          }
        >
          {AZURE_CLOUDS.map((c) => (
            <option key={c.name} value={c.name}>
              {c.label}
            </option>
          ))}
          <option value={OTHER_CLOUD}>Other: a sandbox or another ARM endpoint</option>
        </select>
      </div>
      {SETTINGS_FIELDS.map(({ field, label, placeholder }, i) => {
        const problem = values[field] === '' ? undefined : problems[i]
        return (
          <div className="field" key={field}>
            <label htmlFor={`${id}-${field}`}>{label}</label>
            <input
              id={`${id}-${field}`}
              value={values[field]}
              onChange={(e) => setValues({ ...values, [field]: e.target.value })}
              aria-invalid={problem !== undefined}
              aria-describedby={problem ? `${id}-${field}-problem` : undefined}
              placeholder={placeholder}
              spellCheck={false}
            />
            {problem && (
              <span className="field-error" id={`${id}-${field}-problem`}>
                {problem}
              </span>
            )}
          </div>
        )
      })}
      <button type="submit" className="button primary" disabled={!valid}>
        Save settings
      </button>
    </form>
  )
}

function ScopePicker(props: { action?: SetupAction | undefined }) {
  const s = useApply((state) => state)
  const design = useDesigner((d) => d.design)
  const action = props.action ?? {
    label: 'Bind resources',
    run: () => void s.bind(design),
    location: true,
  }
  const ready = s.subscriptionId !== '' && s.resourceGroup !== '' && s.busy === null
  // No subscription listed: said only when the list was read (an error is another story), or when
  // tenants were read after it (a tenant's sign-in failed, and the list from before still holds).
  const noneListed = s.busy === null && (s.error === null || s.tenants.length > 0)
  if (s.subscriptions.length === 0)
    return s.target === 'azure' && s.account && noneListed ? (
      <NoSubscription
        account={s.account}
        authority={s.entra?.authority}
        tenants={s.tenants}
        onTenant={(id) => void s.signInToTenant(id)}
      />
    ) : null
  return (
    <div className="scope-picker">
      <label className="field subscription-field">
        <span>Subscription</span>
        <select
          value={s.subscriptionId}
          onChange={(e) => void s.selectSubscription(e.target.value)}
        >
          {s.subscriptions.map((sub) => (
            <option key={sub.subscriptionId} value={sub.subscriptionId}>
              {sub.displayName} ({sub.subscriptionId})
            </option>
          ))}
        </select>
      </label>
      <label className="field group-field">
        <span>Resource group</span>
        <select value={s.resourceGroup} onChange={(e) => void s.selectGroup(e.target.value)}>
          {s.groups.map((g) => (
            <option key={g.name} value={g.name}>
              {g.name} ({g.location})
            </option>
          ))}
        </select>
        {s.groups.length === 0 && s.busy === null && (
          <span className="field-hint" role="status">
            This account can read no resource group in this subscription: create one (az group
            create) or choose another subscription.
          </span>
        )}
      </label>
      {action.location && (
        <label className="field">
          <span>Location of new identities</span>
          <input value={s.location} onChange={(e) => s.setLocation(e.target.value)} />
        </label>
      )}
      <div className="apply-actions">
        <button type="button" className="button primary" disabled={!ready} onClick={action.run}>
          {action.label}
        </button>
      </div>
    </div>
  )
}

/**
 * Signed in, and ARM lists no subscription: most often the subscriptions are in another Microsoft
 * Entra tenant (a guest or consultant account), which a token of this tenant never lists. The
 * other tenants the account is in are offered, one click each.
 */
function NoSubscription(props: {
  account: SignedInAccount
  authority: string | undefined
  tenants: readonly Tenant[]
  onTenant: (tenantId: string) => void
}) {
  // The tenant signed in to: the account's (an `organizations` authority names none), and the
  // one the authority names.
  const current = [props.account.tenantId, props.authority?.split('/').pop()].flatMap((t) =>
    t ? [t.toLowerCase()] : [],
  )
  const others = props.tenants.filter(
    (t) =>
      !current.includes(t.tenantId.toLowerCase()) &&
      !current.includes(t.defaultDomain.toLowerCase()),
  )
  return (
    <div className="apply-notice">
      <p role="status">
        {props.account.username} sees no subscription
        {props.authority ? ` through ${props.authority}` : ''}. Subscriptions in another Microsoft
        Entra tenant (directory) are listed only when you sign in to it
        {others.length > 0
          ? ': choose one below.'
          : ': under Settings, set the authority to https://login.microsoftonline.com/ followed by that tenant’s id or domain.'}{' '}
        Otherwise, ask for a role (Reader at least) on a subscription.
      </p>
      {others.length > 0 && (
        <ul className="tenant-list" aria-label="Your other tenants">
          {others.map((t) => (
            <li key={t.tenantId}>
              <button
                type="button"
                className="button small"
                onClick={() => props.onTenant(t.tenantId)}
              >
                Sign in to {t.displayName}
              </button>{' '}
              <span className="muted">
                {t.defaultDomain} ({t.tenantId})
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
