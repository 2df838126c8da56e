// Runs an exported Azure CLI script in bash with a logging fake `az` first on PATH, in a fresh
// temporary directory, and reads back every call's exact argv. The fake answers the reads the
// script makes with ids derived from their arguments (see `fakeId`), so a test can compute what
// each later call must receive.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CANARY } from './hostile.ts'

/** The subscription `az account show` answers, and the group the test puts in the environment. */
export const FAKE_SUBSCRIPTION = '00000000-0000-4000-8000-00000000feed'
export const FAKE_GROUP = 'rg-deploy'
export const FAKE_LOCATION = 'westeurope'

const FAKE_AZ = `#!/usr/bin/env bash
printf '%s\\0' "$#" "$@" >> "$AZ_LOG"
h() { printf '%s' "$1" | sha256sum | cut -c1-16; }
arg() {
  local want="$1"; shift
  while [ $# -gt 0 ]; do
    case "$1" in
      "$want") printf '%s' "$2"; return ;;
      "$want="*) printf '%s' "\${1#*=}"; return ;;
    esac
    shift
  done
}
case "$1 $2" in
  "account show") echo ${FAKE_SUBSCRIPTION} ;;
  "group show") echo ${FAKE_LOCATION} ;;
  "identity create") echo "/subscriptions/$AZ_SUB/resourceGroups/$AZ_RG/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uami-$(h "$(arg --name "$@")")" ;;
  "identity show") echo "$(arg --query "$@")-$(h "$(arg --ids "$@")")" ;;
  "resource show") echo "principalId-$(h "$(arg --ids "$@")")" ;;
  "ad group") echo "group-$(h "$(arg --group "$@")")" ;;
  "role assignment") if [ "$3" = list ]; then echo 0; fi ;;
  "cosmosdb sql") if [ "$5" = list ]; then echo 0; fi ;;
esac
`

/**
 * A text as bash holds it in a variable or an argument: NUL is written as the text `\x00`
 * (shellWord), and a lone surrogate, which UTF-8 cannot carry, is U+FFFD.
 */
export function asBash(text: string): string {
  return Buffer.from(text.replaceAll('\0', '\\x00'), 'utf8').toString('utf8')
}

/** What the fake `az` prints for a value it hashes: the first 16 hex digits of its SHA-256. */
export function fakeHash(value: string): string {
  // Command substitution in the fake drops trailing newlines.
  return createHash('sha256')
    .update(asBash(value).replace(/\n+$/, ''), 'utf8')
    .digest('hex')
    .slice(0, 16)
}

export interface ScriptRun {
  readonly status: number | null
  readonly stdout: string
  readonly stderr: string
  /** Every `az` call, as its exact argv (without `az`). */
  readonly calls: readonly (readonly string[])[]
  /** Did anything create the canary file that `$(touch …)` in a name would create? */
  readonly canary: boolean
}

function readCalls(log: string): string[][] {
  if (!existsSync(log)) return []
  const fields = readFileSync(log, 'utf8').split('\0')
  const calls: string[][] = []
  for (let i = 0; i < fields.length - 1;) {
    const count = Number(fields[i])
    calls.push(fields.slice(i + 1, i + 1 + count))
    i += 1 + count
  }
  return calls
}

/**
 * Runs `script` with `bash` (not `sh`), PATH = the fake az first, then the system's. The
 * deployment group and subscription come from the environment (FAKE_GROUP, FAKE_SUBSCRIPTION)
 * unless `env` says otherwise, so that values the script builds from them can be told apart from
 * bound ids.
 */
export function runScript(script: string, env: Record<string, string> = {}): ScriptRun {
  const dir = mkdtempSync(join(tmpdir(), 'idtopo-script-'))
  const bin = join(dir, 'bin')
  mkdirSync(bin)
  writeFileSync(join(bin, 'az'), FAKE_AZ)
  chmodSync(join(bin, 'az'), 0o755)
  writeFileSync(join(dir, 'identity.sh'), script)
  const log = join(dir, 'az.log')
  const merged = {
    SUBSCRIPTION_ID: FAKE_SUBSCRIPTION,
    RESOURCE_GROUP: FAKE_GROUP,
    ...env,
  }
  const result = spawnSync('bash', ['identity.sh'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 30_000,
    env: {
      PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      HOME: dir,
      LANG: 'C.UTF-8',
      AZ_LOG: log,
      AZ_SUB: merged.SUBSCRIPTION_ID,
      AZ_RG: merged.RESOURCE_GROUP,
      ...merged,
    },
  })
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    calls: readCalls(log),
    canary: existsSync(join(dir, CANARY)) || existsSync(join(dir, 'x')),
  }
}
