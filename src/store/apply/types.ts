import type { BindingProblem } from '../../apply/binding.ts'
import type { EntraSettings } from '../../apply/entra-settings.ts'
import type { Clock } from '../../apply/clock.ts'
import type { ArmGateway, LiveResource, ResourceGroup, Subscription } from '../../apply/gateway.ts'
import type { Prepared } from '../../apply/prepare.ts'
import type { Preview } from '../../apply/preview.ts'
import type { PruneCandidate, PruneResult } from '../../apply/prune.ts'
import type { ApplyReport, StepResult } from '../../apply/report.ts'
import type { FaultConfig, FaultPatch } from '../../sandbox/core/faults.ts'

export type ApplyTarget = 'sandbox' | 'azure'
export type ApplyPhase = 'setup' | 'bind' | 'preview' | 'running' | 'report'

export type { EntraSettings } from '../../apply/entra-settings.ts'

export interface SignedInAccount {
  readonly name: string
  readonly username: string
  /** Microsoft Entra object id: what a developer node binds to with "Use my account". */
  readonly objectId: string
}

/** The sandbox running inside the page, with its settings. */
export interface SandboxConnection {
  readonly gateway: ArmGateway
  faults(): FaultConfig
  setFaults(patch: FaultPatch): FaultConfig
  /** Back to the seeded world: the identities and assignments made so far are gone. */
  reset(): void
}

export interface AzureConnection {
  readonly gateway: ArmGateway
  account(): SignedInAccount | null
  signIn(selectAccount?: boolean): Promise<SignedInAccount | null>
  signOut(): Promise<void>
}

/** The outside world of an apply, injected so tests run it against the in-page sandbox. */
export interface ApplyEffects {
  connectSandbox(onRemainingWrites: (n: number) => void): Promise<SandboxConnection>
  connectAzure(
    settings: EntraSettings,
    onRemainingWrites: (n: number) => void,
  ): Promise<AzureConnection>
  /** Entra settings saved in this browser, else the build's (VITE_AZURE_CLIENT_ID, VITE_AZURE_TENANT_ID or VITE_AZURE_AUTHORITY, VITE_ARM_ENDPOINT). */
  loadEntraSettings(): EntraSettings | null
  saveEntraSettings(settings: EntraSettings): void
  readonly clock: Clock
  readonly random: () => number
  /** Where a running apply notes its progress, so a closed tab still tells what was done. */
  readonly journal: ApplyJournalStore
}

/** What a run had done when last noted: kept until the run ends, read when the dialog reopens. */
export interface ApplyJournal {
  readonly design: string
  readonly target: ApplyTarget
  readonly subscriptionId: string
  readonly resourceGroup: string
  readonly startedAt: number
  readonly total: number
  readonly steps: readonly StepResult[]
}

export interface ApplyJournalStore {
  load(): Promise<ApplyJournal | undefined>
  save(journal: ApplyJournal): Promise<void>
  clear(): Promise<void>
}

export interface LogLine {
  readonly seq: number
  readonly tone: 'info' | 'success' | 'warning' | 'error'
  readonly text: string
}

export interface ApplyState {
  readonly phase: ApplyPhase
  readonly target: ApplyTarget
  /** What is being loaded right now, for the spinner; null when idle. */
  readonly busy: string | null
  readonly error: string | null
  readonly entra: EntraSettings | null
  readonly account: SignedInAccount | null
  readonly subscriptions: readonly Subscription[]
  readonly subscriptionId: string
  readonly groups: readonly ResourceGroup[]
  readonly resourceGroup: string
  readonly location: string
  readonly resources: readonly LiveResource[]
  /** Resource chosen by hand for a node (overrides the match by name). */
  readonly picks: Readonly<Record<string, string>>
  readonly developerIds: Readonly<Record<string, string>>
  readonly problems: readonly BindingProblem[]
  readonly prepared: Prepared | null
  readonly preview: Preview | null
  readonly confirmedPrivileged: boolean
  readonly confirmedErrors: boolean
  /** Run the steps the preview found the caller lacks permission for: ARM answers for them. */
  readonly confirmedDenied: boolean
  readonly progress: { readonly done: number; readonly total: number }
  readonly results: Readonly<Record<string, StepResult>>
  readonly log: readonly LogLine[]
  readonly report: ApplyReport | null
  readonly prunable: readonly PruneCandidate[] | null
  readonly pruned: readonly PruneResult[] | null
  readonly sandboxFaults: FaultConfig | null
  /** A run that never finished (the tab closed while it ran), found when the dialog opened. */
  readonly interrupted: ApplyJournal | null
}
