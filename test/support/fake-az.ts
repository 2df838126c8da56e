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
/** The subscription az is signed in to before the script's \`az account set\` (not the script's). */
const FAKE_LOGIN_SUBSCRIPTION = '00000000-0000-4000-8000-00000000beef'

/**
 * The options of each command the exported script runs, as azure-cli defines them (its
 * command_modules' _params.py; e.g. redis: \`-n/--name\` is the cache, \`--policy-assignment-name\`,
 * \`--access-policy-name\`), plus the global ones. The fake refuses any other option, and a command
 * it does not know, as az does (argparse: "unrecognized arguments", exit 2): an export that
 * spells a flag az does not have fails here, not in a user's pipeline. A value starting with "-"
 * given as a word of its own is read as an option too, as argparse does.
 */
const COMMAND_OPTIONS: Readonly<Record<string, string>> = {
  'account show': '',
  'cloud show': '--name -n',
  'account set': '--subscription -s --name -n',
  'group show': '--name -n --resource-group -g',
  'identity create': '--name -n --resource-group -g --location -l --tags',
  'identity show': '--ids --name -n --resource-group -g',
  'identity federated-credential create':
    '--name -n --identity-name --resource-group -g --issuer --subject --audiences',
  'webapp identity assign':
    '--ids --name -n --resource-group -g --identities --role --scope --slot',
  'functionapp identity assign':
    '--ids --name -n --resource-group -g --identities --role --scope --slot',
  'vm identity assign': '--ids --name -n --resource-group -g --identities --role --scope',
  'vmss identity assign': '--ids --name -n --resource-group -g --identities --role --scope',
  'containerapp identity assign':
    '--ids --name -n --resource-group -g --system-assigned --user-assigned',
  'resource show': '--ids --name -n --resource-group -g --resource-type --namespace',
  'resource update': '--ids --name -n --resource-group -g --set --add --remove --force-string',
  'webapp config appsettings set': '--ids --name -n --resource-group -g --settings --slot-settings',
  'functionapp config appsettings set':
    '--ids --name -n --resource-group -g --settings --slot-settings',
  'containerapp show': '--ids --name -n --resource-group -g',
  'containerapp update':
    '--ids --name -n --resource-group -g --container-name --set-env-vars --remove-env-vars',
  rest: '--method -m --url --uri -u --body -b --headers',
  'redis access-policy-assignment create':
    '--name -n --resource-group -g --policy-assignment-name --access-policy-name --object-id --object-id-alias',
  'role assignment list':
    '--scope --role --assignee --all --include-inherited --fill-principal-name --resource-group -g',
  'role assignment create':
    '--assignee --assignee-object-id --assignee-principal-type --role --scope --name --description --condition --condition-version --resource-group -g',
  'cosmosdb sql role assignment list': '--account-name -a --resource-group -g',
  'cosmosdb sql role assignment create':
    '--account-name -a --resource-group -g --role-definition-id -d --role-definition-name -n --principal-id -p --scope -s --role-assignment-id -i',
  'ad group list': '--filter --display-name',
  'ad user show': '--id',
}
const GLOBAL_OPTIONS =
  '--output -o --query --only-show-errors --verbose --debug --subscription --help -h'

const FAKE_AZ = `#!/usr/bin/env bash
printf '%s\\0' "$#" "$@" >> "$AZ_LOG"
command=""
for word in "$@"; do
  case "$word" in -*) break ;; esac
  command="\${command:+$command }$word"
done
case "$command" in
${Object.entries(COMMAND_OPTIONS)
  .map(([command, options]) => `  '${command}') options='${options} ${GLOBAL_OPTIONS}' ;;`)
  .join('\n')}
  *) echo "az: '$command' is not a command the exported script should run" >&2; exit 2 ;;
esac
for word in "$@"; do
  case "$word" in
    -*) case " $options " in *" \${word%%=*} "*) ;; *) echo "az $command: unrecognized arguments: $word" >&2; exit 2 ;; esac ;;
  esac
done
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
# The subscription az works in: the one signed in to until \`az account set\`. The deployment's
# group is in SUBSCRIPTION_ID only: looked up before the script switches, it is not found.
current() { cat "$AZ_STATE" 2>/dev/null || echo ${FAKE_LOGIN_SUBSCRIPTION}; }
case "$1 $2" in
  "account show") current ;;
  # The cloud az points at (az cloud set): AZ_CLOUD, else the public cloud, az's default.
  "cloud show") echo "\${AZ_CLOUD:-AzureCloud}" ;;
  "account set") arg --subscription "$@" > "$AZ_STATE" ;;
  "group show")
    if [ "$(current)" != "$AZ_SUB" ]; then
      echo "(ResourceGroupNotFound) Resource group '$(arg --name "$@")' could not be found." >&2; exit 3
    fi
    echo ${FAKE_LOCATION} ;;
  "identity create") h "$(arg --name "$@")" >> "$AZ_IDENTITIES"; echo "/subscriptions/$AZ_SUB/resourceGroups/$AZ_RG/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uami-$(h "$(arg --name "$@")")" ;;
  "identity show")
    # By id: a value derived from it. By name: found once created (AZ_IDENTITIES, their names'
    # hashes) or when AZ_EXISTING_IDENTITIES lists its name's hash; else az's ResourceNotFound.
    if [ -n "$(arg --ids "$@")" ]; then echo "$(arg --query "$@")-$(h "$(arg --ids "$@")")"
    elif printf '%s\\n' "\${AZ_EXISTING_IDENTITIES:-}" "$(cat "$AZ_IDENTITIES" 2>/dev/null)" | grep -qxF -- "$(h "$(arg --name "$@")")"; then
      echo "/subscriptions/$AZ_SUB/resourceGroups/$AZ_RG/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uami-$(h "$(arg --name "$@")")"
    else
      echo "(ResourceNotFound) The Resource 'Microsoft.ManagedIdentity/userAssignedIdentities/$(arg --name "$@")' was not found." >&2; exit 3
    fi ;;
  "resource show") echo "principalId-$(h "$(arg --ids "$@")")" ;;
  # A container app's containers: AZ_CONTAINERS (one name per line), else one named main.
  "containerapp show") printf '%s\\n' "\${AZ_CONTAINERS:-main}" ;;
  # az's containerapp update decorator, for an app with more than one container.
  "containerapp update")
    if [ -z "$(arg --container-name "$@")" ] && [ "$(printf '%s\\n' "\${AZ_CONTAINERS:-main}" | wc -l)" -gt 1 ]; then
      echo "Usage error: --container-name is required when adding or updating a container" >&2; exit 1
    fi ;;
  "ad group")
    # A directory with AZ_GROUP_MATCHES (default 1) groups of each name the filter asks for.
    # The name as every other value the fake hashes: through a command substitution, which
    # drops its trailing newlines (fakeHash).
    name=$(arg --filter "$@"); name=\${name#"displayName eq '"}; name=\${name%"'"}; name=$(printf '%s' "\${name//"''"/"'"}")
    for ((k = 0; k < \${AZ_GROUP_MATCHES:-1}; k++)); do echo "group-$(h "$name")"; done ;;
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
      AZ_STATE: join(dir, 'az.subscription'),
      AZ_IDENTITIES: join(dir, 'az.identities'),
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
