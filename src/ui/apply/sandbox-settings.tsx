import { useState } from 'react'
import { SANDBOX_DEFAULTS } from '../../store/apply/sandbox-defaults.ts'
import { useApply } from './apply-context.tsx'

/** Faults to try apply against: latency, ARM's write and delete throttling, server errors, resets, 403 scopes. */
export function SandboxSettings() {
  const faults = useApply((s) => s.sandboxFaults)
  const setFaults = useApply((s) => s.setSandboxFaults)
  if (!faults) return null
  const num = (value: string, fallback: number): number =>
    Number.isFinite(Number(value)) ? Number(value) : fallback
  return (
    <details className="sandbox-settings">
      <summary>Sandbox settings and faults</summary>
      <div className="fault-grid">
        <label className="field">
          <span>Latency (ms)</span>
          <input
            type="number"
            min={0}
            value={faults.latency.fixedMs}
            onChange={(e) => setFaults({ latency: { fixedMs: num(e.target.value, 0) } })}
          />
        </label>
        <label className="field">
          <span>Jitter (ms)</span>
          <input
            type="number"
            min={0}
            value={faults.latency.jitterMs}
            onChange={(e) => setFaults({ latency: { jitterMs: num(e.target.value, 0) } })}
          />
        </label>
        <label className="field checkbox">
          <input
            type="checkbox"
            checked={faults.throttle.enabled}
            onChange={(e) => setFaults({ throttle: { enabled: e.target.checked } })}
          />
          <span>
            ARM write and delete throttling ({faults.throttle.capacity} writes,{' '}
            {faults.throttle.refillPerSecond}/s; {faults.deleteThrottle.capacity} deletes,{' '}
            {faults.deleteThrottle.refillPerSecond}/s)
          </span>
        </label>
        <label className="field">
          <span>Server errors (% of requests)</span>
          <input
            type="number"
            min={0}
            max={100}
            value={Math.round(faults.serverErrors.rate * 100)}
            onChange={(e) => setFaults({ serverErrors: { rate: num(e.target.value, 0) / 100 } })}
          />
        </label>
        <label className="field">
          <span>Connection resets (% of requests)</span>
          <input
            type="number"
            min={0}
            max={100}
            value={Math.round(faults.resets.rate * 100)}
            onChange={(e) => setFaults({ resets: { rate: num(e.target.value, 0) / 100 } })}
          />
        </label>
        <label className="field wide">
          <span>Scopes refusing role assignment writes (one ARM id per line)</span>
          <textarea
            rows={2}
            value={faults.forbiddenScopes.join('\n')}
            onChange={(e) =>
              setFaults({
                forbiddenScopes: e.target.value
                  .split('\n')
                  .map((l) => l.trim())
                  .filter(Boolean),
              })
            }
          />
        </label>
      </div>
      <ResetSandbox />
    </details>
  )
}

/** Reset asks first: it deletes what every earlier apply (and the demo estate) made. */
function ResetSandbox() {
  const reset = useApply((s) => s.resetSandbox)
  const [asking, setAsking] = useState(false)
  if (!asking)
    return (
      <button type="button" className="button small danger" onClick={() => setAsking(true)}>
        Reset the sandbox…
      </button>
    )
  return (
    <div role="group" aria-label="Reset the sandbox" className="reset-confirm">
      <p>
        Delete every identity, role assignment and resource group made in the sandbox, the demo
        estate included? {SANDBOX_DEFAULTS.resourceGroup} goes back to its seeded resources.
      </p>
      <button
        type="button"
        className="button small danger"
        onClick={() => {
          setAsking(false)
          void reset()
        }}
      >
        Reset
      </button>{' '}
      {/* The safe answer has the focus: Enter on a stray keypress keeps the sandbox. */}
      <button type="button" className="button small" autoFocus onClick={() => setAsking(false)}>
        Keep it
      </button>
    </div>
  )
}
