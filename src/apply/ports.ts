import type { FaultConfig, FaultPatch } from '../sandbox/core/faults.ts'
import type { Clock } from './clock.ts'
import type { EntraSettings } from './entra-settings.ts'
import type { ArmGateway } from './gateway.ts'
import type { RemainingCalls } from './pacer.ts'
import type { StepResult } from './report.ts'

/**
 * The outside world of an apply, as the store sees it and src/azure implements it: the two
 * targets (the sandbox in the page, Azure through a sign-in), the clock and the journal. The web
 * app wires the browser's once, in its composition root (src/compose.ts); tests hand in their own.
 * (The sandbox's fault settings are named by type only: they are what its settings form edits.)
 */
export type ApplyTarget = 'sandbox' | 'azure'
export interface SignedInAccount {
  readonly name: string
  readonly username: string
  /** Microsoft Entra object id: what a developer node binds to with "Use my account". */
  readonly objectId: string
  /** The tenant the sign-in is for (MSAL's account), when known. */
  readonly tenantId?: string
}

/** The sandbox running inside the page, with its settings. */
export interface SandboxConnection {
  readonly gateway: ArmGateway
  faults(): FaultConfig
  setFaults(patch: FaultPatch): FaultConfig
  /** Back to the seeded world: the identities and assignments made so far are gone. */
  reset(): void
  /**
   * Adds the demo estate (PRODUCT.md §12's messy group, `contoso-prod`) to the sandbox, for
   * trying import and compare without building one by hand.
   */
  loadDemoEstate(): { readonly resourceGroup: string }
}

export interface AzureConnection {
  readonly gateway: ArmGateway
  account(): SignedInAccount | null
  signIn(selectAccount?: boolean): Promise<SignedInAccount | null>
  signOut(): Promise<void>
}

/** The outside world of an apply, injected so tests run it against the in-page sandbox. */
export interface ApplyEffects {
  connectSandbox(onRemainingCalls: RemainingCalls): Promise<SandboxConnection>
  connectAzure(settings: EntraSettings, onRemainingCalls: RemainingCalls): Promise<AzureConnection>
  /**
   * Entra settings saved in this browser, else the build's (VITE_AZURE_CLIENT_ID,
   * VITE_AZURE_TENANT_ID or VITE_AZURE_AUTHORITY, VITE_ARM_ENDPOINT).
   */
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
