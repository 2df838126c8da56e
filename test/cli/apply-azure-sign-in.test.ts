// apply, import and drift against Azure (no --sandbox) when DefaultAzureCredential cannot sign in:
// @azure/identity is replaced by one whose DefaultAzureCredential fails as the real one does with
// no credential on the machine (its own error classes), so nothing here reaches the network.
import type * as AzureIdentity from '@azure/identity'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { signInFailure } from '@/cli/apply-connection.ts'
import { runCli } from '@/cli/main.ts'
import { serializeDesign } from '@/model/serialize.ts'
import { templateById } from '@/templates/index.ts'
import { memoryIO } from '../support/memory-io.ts'

type Identity = typeof AzureIdentity

const credential = vi.hoisted(() => ({ calls: 0, fail: (): Error => new Error('unset') }))

vi.mock('@azure/identity', async (importOriginal) => {
  const identity = await importOriginal<Identity>()
  class DefaultAzureCredential {
    async getToken(): Promise<never> {
      credential.calls++
      throw credential.fail()
    }
  }
  return { ...identity, DefaultAzureCredential }
})

const { AggregateAuthenticationError, AuthenticationError, CredentialUnavailableError } =
  await vi.importActual<Identity>('@azure/identity')

/** As DefaultAzureCredential fails with no credential at all (@azure/identity 4.13's words). */
const NOTHING_TO_SIGN_IN_WITH = () =>
  new AggregateAuthenticationError(
    [
      new CredentialUnavailableError(
        'EnvironmentCredential is unavailable. No underlying credential could be used.',
      ),
      new CredentialUnavailableError(
        'ManagedIdentityCredential: Network unreachable. Message: network_error',
      ),
      new CredentialUnavailableError(
        "Azure CLI could not be found. Please visit https://aka.ms/azure-cli for installation instructions and then, once installed, authenticate to your Azure account using 'az login'.",
      ),
    ],
    'ChainedTokenCredential authentication failed.',
  )

const SIGNING_IN =
  'Signing in to Azure (DefaultAzureCredential: environment, workload identity, managed identity, Azure CLI, …)…\n'
const ADVICE = (command: string) =>
  `Sign in with az login (az login --tenant TENANT for the subscription's tenant), or, in a pipeline, set AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_CLIENT_SECRET (or use a managed or workload identity). Then run idtopo ${command} again.`
const NO_CREDENTIAL = (command: string) =>
  [
    `idtopo ${command}: cannot sign in to Azure: none of the credentials DefaultAzureCredential tries could sign in:`,
    '  EnvironmentCredential is unavailable. No underlying credential could be used.',
    '  ManagedIdentityCredential: Network unreachable. Message: network_error',
    "  Azure CLI could not be found. Please visit https://aka.ms/azure-cli for installation instructions and then, once installed, authenticate to your Azure account using 'az login'.",
    ADVICE(command),
  ].join('\n')

const files = { 's2.json': serializeDesign(templateById('scenario-2')!.design) }
const AT = ['--subscription', '11111111-1111-1111-1111-111111111111', '--resource-group', 'rg']

beforeEach(() => {
  credential.calls = 0
  credential.fail = NOTHING_TO_SIGN_IN_WITH
})

describe('idtopo apply against Azure with no credential to sign in with', () => {
  it('says it signs in, then why it cannot, one credential a line, and what to do: exit 2 at once', async () => {
    const m = memoryIO(files)
    expect(await runCli(['apply', 's2.json', ...AT], m.io)).toBe(2)
    expect(m.stderr()).toBe(`${SIGNING_IN}${NO_CREDENTIAL('apply')}\n`)
    expect(m.stderr()).not.toMatch(/\\n|connection dropped|NetworkError/)
    expect(m.stdout()).toBe('')
    // Asked once, not retried as a dropped connection for minutes.
    expect(credential.calls).toBe(1)
  }, 30_000)

  it('import and drift say the same, with their exit code for Azure failing (1)', async () => {
    for (const argv of [
      ['import', ...AT],
      ['drift', 's2.json', ...AT],
    ]) {
      const m = memoryIO(files)
      expect(await runCli(argv, m.io)).toBe(1)
      expect(m.stderr()).toBe(`${SIGNING_IN}${NO_CREDENTIAL(argv[0]!)}\n`)
    }
  }, 30_000)

  it('a credential that is refused (a wrong client secret) says so, its lines apart', async () => {
    credential.fail = () =>
      new AuthenticationError(401, {
        error: 'invalid_client',
        error_description: 'AADSTS7000215: Invalid client secret provided.',
      })
    const m = memoryIO(files)
    expect(await runCli(['apply', 's2.json', ...AT], m.io)).toBe(2)
    expect(m.stderr()).toBe(
      `${SIGNING_IN}${[
        'idtopo apply: cannot sign in to Azure: the sign-in failed:',
        '  invalid_client Status code: 401',
        '  More details:',
        '  AADSTS7000215: Invalid client secret provided.',
        ADVICE('apply'),
      ].join('\n')}\n`,
    )
  }, 30_000)
})

describe('signInFailure', () => {
  it('knows the sign-in failure an ARM call met (an ArmFailure carrying its message)', () => {
    const met = {
      code: 'NetworkError',
      network: true,
      message: NOTHING_TO_SIGN_IN_WITH().message,
    }
    expect(signInFailure('apply', met)).toBe(NO_CREDENTIAL('apply'))
  })

  it('leaves every other failure alone', () => {
    expect(signInFailure('apply', { code: 'ECONNRESET', message: 'socket hang up' })).toBe(
      undefined,
    )
    expect(signInFailure('apply', new Error('boom'))).toBe(undefined)
  })
})
