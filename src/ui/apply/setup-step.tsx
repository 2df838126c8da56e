import { useId, useState } from 'react'
import { useDesigner } from '../store-context.tsx'
import { useApply } from './apply-context.tsx'
import { SandboxSettings } from './sandbox-settings.tsx'

/** Where to apply: the sandbox (no sign-in) or Azure (sign-in), then subscription and group. */
export function SetupStep() {
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
              Sign in with Microsoft Entra ID and apply to a real subscription.
            </span>
          </span>
        </label>
      </fieldset>
      {target === 'azure' && <AzureAccount />}
      <ScopePicker />
      {target === 'sandbox' && <SandboxSettings />}
    </div>
  )
}

function AzureAccount() {
  const entra = useApply((s) => s.entra)
  const account = useApply((s) => s.account)
  const signIn = useApply((s) => s.signIn)
  const signOut = useApply((s) => s.signOut)
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
          <button type="button" className="button small" onClick={() => void signIn(true)}>
            Switch account
          </button>
          <button type="button" className="button small" onClick={() => void signOut()}>
            Sign out
          </button>
        </>
      ) : (
        <button type="button" className="button primary" onClick={() => void signIn()}>
          Sign in to Azure
        </button>
      )}
      <button type="button" className="link-button" onClick={() => setEditing(true)}>
        Settings
      </button>
    </div>
  )
}

function EntraSettingsForm({ onDone }: { onDone: () => void }) {
  const entra = useApply((s) => s.entra)
  const saveEntra = useApply((s) => s.saveEntra)
  const [clientId, setClientId] = useState(entra?.clientId ?? '')
  const [tenant, setTenant] = useState(entra?.tenant ?? 'organizations')
  const valid = /^[0-9a-f-]{36}$/i.test(clientId.trim())
  return (
    <form
      className="entra-settings"
      onSubmit={(e) => {
        e.preventDefault()
        if (!valid) return
        void saveEntra({ clientId: clientId.trim(), tenant: tenant.trim() || 'organizations' })
        onDone()
      }}
    >
      <p className="muted">
        Azure sign-in needs a Microsoft Entra app registration (single-page application, redirect
        URI <code>{window.location.origin}</code>, delegated permission Azure Service Management /
        user_impersonation). See the README.
      </p>
      <label className="field">
        <span>Application (client) ID</span>
        <input
          value={clientId}
          onChange={(e) => setClientId(e.target.value)}
          aria-invalid={!valid && clientId !== ''}
          placeholder="00000000-0000-0000-0000-000000000000"
        />
      </label>
      <label className="field">
        <span>Tenant (ID, domain or “organizations”)</span>
        <input value={tenant} onChange={(e) => setTenant(e.target.value)} />
      </label>
      <button type="submit" className="button primary" disabled={!valid}>
        Save settings
      </button>
    </form>
  )
}

function ScopePicker() {
  const s = useApply((state) => state)
  const design = useDesigner((d) => d.design)
  const ready = s.subscriptionId !== '' && s.resourceGroup !== '' && s.busy === null
  if (s.subscriptions.length === 0) return null
  return (
    <div className="scope-picker">
      <label className="field">
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
      <label className="field">
        <span>Resource group</span>
        <select value={s.resourceGroup} onChange={(e) => void s.selectGroup(e.target.value)}>
          {s.groups.map((g) => (
            <option key={g.name} value={g.name}>
              {g.name} ({g.location})
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Location of new identities</span>
        <input value={s.location} onChange={(e) => s.setLocation(e.target.value)} />
      </label>
      <div className="apply-actions">
        <button
          type="button"
          className="button primary"
          disabled={!ready}
          onClick={() => void s.bind(design)}
        >
          Bind resources
        </button>
      </div>
    </div>
  )
}
