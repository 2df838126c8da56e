import type { ArmGateway } from '../../apply/gateway.ts'
import { previewApply } from '../../apply/preview.ts'
import { findPrunable, pruneAssignments, type PruneCandidate } from '../../apply/prune.ts'
import { Principals } from '../../apply/principals.ts'
import { withReadRetries } from '../../apply/reading.ts'
import { runApply, type ApplyEvent } from '../../apply/run.ts'
import { describeError } from '../../apply/describe.ts'
import { retryReason } from '../../apply/failure.ts'
import { nextAttempt } from '../../apply/retry.ts'
import { DEFAULT_ARM_ENDPOINT } from '../../apply/entra-settings.ts'
import { formatDuration } from '../../lib/duration.ts'
import { timedProgress } from '../../apply/time-left.ts'
import { whileBusy } from './busy.ts'
import type { StorePacers } from './pacers.ts'
import type { ApplyEffects, ApplyJournal, ApplyJournalStore } from '../../apply/ports.ts'
import type { ApplyState, LogLine } from './types.ts'

export interface RunActions {
  /** Reads what exists and compares it with the steps; moves to the preview. */
  readPreview(): Promise<void>
  confirmPrivileged(yes: boolean): void
  confirmErrors(yes: boolean): void
  confirmDenied(yes: boolean): void
  /** Runs the previewed steps; resolves when the run ends (done or cancelled). */
  run(): Promise<void>
  cancel(): void
  /** Back to a fresh preview of the same binding (the second run shows what is in place). */
  again(): Promise<void>
  findPrune(): Promise<void>
  prune(chosen: readonly PruneCandidate[]): Promise<void>
}

type Set = (partial: Partial<ApplyState>) => void
type Get = () => ApplyState & RunActions

const LOG_LIMIT = 400

export function runActions(
  set: Set,
  get: Get,
  effects: ApplyEffects,
  gateway: () => ArmGateway | undefined,
  pacers: StorePacers,
): RunActions {
  let abort: AbortController | null = null
  let seq = 0
  const reads = (): ArmGateway => {
    const gw = gateway()
    if (!gw) throw new Error('Not connected.')
    return withReadRetries(gw, { clock: effects.clock, random: effects.random })
  }
  const log = (tone: LogLine['tone'], text: string): void => {
    const lines = [...get().log, { seq: ++seq, tone, text }]
    set({ log: lines.length > LOG_LIMIT ? lines.slice(-LOG_LIMIT) : lines })
  }
  const fail = (e: unknown): void => set({ error: describeError(e) })
  const onEvent = (event: ApplyEvent): void => {
    const progress = timedProgress(get().progress, event, effects.clock.now())
    if (progress !== get().progress) set({ progress })
    switch (event.type) {
      case 'started':
        return
      case 'stepStarted':
        return
      case 'retry': {
        log(
          'warning',
          `${event.step.title}: ${retryReason(event.note.failure)}, retrying in ${formatDuration(event.note.waitMs)}${nextAttempt(event.note)}`,
        )
        return
      }
      case 'stepFinished': {
        const r = event.result
        set({ results: { ...get().results, [r.id]: r } })
        const tone = r.outcome === 'failed' ? 'error' : r.outcome === 'created' ? 'success' : 'info'
        log(
          tone,
          `${r.manual ? 'manual' : r.outcome}: ${r.title}${r.failure ? ` — ${r.failure.code}: ${r.failure.message}` : ''}`,
        )
        return
      }
    }
  }
  const target = () => ({
    subscriptionId: get().subscriptionId,
    resourceGroup: get().resourceGroup,
    location: get().location,
  })

  const actions: RunActions = {
    readPreview: async () => {
      const prepared = get().prepared
      if (!prepared) return
      const where = get().target === 'sandbox' ? 'the sandbox' : 'Azure'
      await whileBusy(set, `Reading what exists in ${where}…`, async () => {
        const preview = await previewApply(prepared.design, prepared.steps, reads(), target())
        set({
          phase: 'preview',
          preview,
          confirmedPrivileged: false,
          confirmedErrors: false,
          confirmedDenied: false,
          // Found for the preview before: this one may bind other principals.
          prunable: null,
          pruned: null,
        })
      })
    },
    confirmPrivileged: (yes) => set({ confirmedPrivileged: yes }),
    confirmErrors: (yes) => set({ confirmedErrors: yes }),
    confirmDenied: (yes) => set({ confirmedDenied: yes }),
    run: async () => {
      const preview = get().preview
      if (!preview || abort) return
      abort = new AbortController()
      const pacer = pacers.now()
      set({
        phase: 'running',
        results: {},
        log: [],
        report: null,
        prunable: null,
        pruned: null,
        error: null,
        retryBind: false,
        interrupted: null,
      })
      const journal = journalWriter(effects.journal, {
        design: get().prepared?.design.name ?? '',
        target: get().target,
        subscriptionId: get().subscriptionId,
        resourceGroup: get().resourceGroup,
        startedAt: effects.clock.now(),
        total: preview.items.length,
        steps: [],
      })
      try {
        const gw = gateway()
        if (!gw) throw new Error('Not connected.')
        const report = await runApply(preview, {
          gateway: gw,
          clock: effects.clock,
          random: effects.random,
          design: get().prepared?.design.name ?? '',
          target: {
            ...target(),
            endpoint:
              get().target === 'sandbox'
                ? 'sandbox (in this page)'
                : (get().entra?.armEndpoint ?? DEFAULT_ARM_ENDPOINT),
          },
          pacer,
          signal: abort.signal,
          attemptDenied: get().confirmedDenied,
          onEvent: (event) => {
            onEvent(event)
            if (event.type === 'stepFinished') journal.note(Object.values(get().results))
          },
        })
        set({ phase: 'report', report })
        await journal.close()
      } catch (e) {
        fail(e)
        set({ phase: 'preview' })
      } finally {
        abort = null
      }
    },
    cancel: () => {
      if (!abort) return
      log('warning', 'Cancelling: steps in flight finish or stop; nothing new starts.')
      abort.abort()
    },
    again: async () => {
      set({ report: null, results: {}, log: [], prunable: null, pruned: null })
      await actions.readPreview()
    },
    findPrune: async () => {
      const { prepared, preview, report } = get()
      if (!prepared || !preview) return
      // After a run, its principals (the preview's plus those it made); else the preview's.
      const principals = report ? Principals.fromRecord(report.principals) : preview.principals
      await whileBusy(set, 'Looking for assignments the design no longer has…', async () => {
        set({
          prunable: await findPrunable(prepared, principals, reads(), get().subscriptionId),
        })
      })
    },
    prune: async (chosen) => {
      const gw = gateway()
      if (!gw || chosen.length === 0) return
      const label = `Deleting ${chosen.length} role assignment${chosen.length === 1 ? '' : 's'}…`
      await whileBusy(set, label, async () => {
        const pruned = await pruneAssignments(chosen, {
          gateway: gw,
          clock: effects.clock,
          random: effects.random,
          pacer: pacers.now(),
        })
        const gone = new Set(
          pruned.filter((r) => r.outcome === 'deleted').map((r) => r.candidate.assignment.id),
        )
        set({ pruned, prunable: (get().prunable ?? []).filter((c) => !gone.has(c.assignment.id)) })
      })
    },
  }
  return actions
}

/**
 * Notes a run's results as they land, one write at a time (later results wait for the write in
 * flight, then go together), so a tab closed mid-run leaves an account of what was done.
 */
function journalWriter(store: ApplyJournalStore, head: ApplyJournal) {
  let latest: ApplyJournal = head
  let writing: Promise<void> | null = null
  let dirty = false
  const flush = async (): Promise<void> => {
    while (dirty) {
      dirty = false
      await store.save(latest).catch(() => {})
    }
    writing = null
  }
  void store.save(head).catch(() => {})
  return {
    note(steps: ApplyJournal['steps']): void {
      latest = { ...head, steps }
      dirty = true
      writing ??= flush()
    },
    async close(): Promise<void> {
      dirty = false
      await writing
      await store.clear().catch(() => {})
    },
  }
}
