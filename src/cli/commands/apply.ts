import type { BindTarget } from '../../apply/binding.ts'
import { prepareApply } from '../../apply/prepare.ts'
import { withReadRetries } from '../../apply/reading.ts'
import { systemClock } from '../../azure/system-clock.ts'
import { describeTimeLeft, startProgress, timedProgress, timeLeft } from '../../apply/time-left.ts'
import { describeFailure } from '../../apply/describe.ts'
import { isArmFailure } from '../../apply/failure.ts'
import { ARM_WRITE_BUCKET, ArmPacer } from '../../apply/pacer.ts'
import { countPreview, previewApply } from '../../apply/preview.ts'
import { privilegedItems } from '../../apply/privilege.ts'
import { succeeded } from '../../apply/report.ts'
import { runApply } from '../../apply/run.ts'
import { stableJson } from '../../lib/json.ts'
import { EXAMPLE_DESIGN, parseCommandArgs, requireFile, type Command } from '../command.ts'
import { CliError, EXIT } from '../io.ts'
import { checkPrincipalNodes, parsePrincipalFlags, requireTarget } from '../azure-flags.ts'
import { emit, loadDesign, refuseUnwritable } from '../load.ts'
import {
  connectTarget,
  SIGN_IN_FLAGS,
  SIGN_IN_USAGE,
  signInFailure,
  signInOf,
} from '../apply-connection.ts'
import { sandboxDeveloperIds } from '../../apply/sandbox-developers.ts'
import { formatApplyEvent, formatApplySummary, formatBindingFailure } from '../format-apply.ts'
import { terminalText as t } from '../../lib/encode/terminal.ts'

/** Steps in flight at once within a phase, as runApply's own default. */
const DEFAULT_CONCURRENCY = 8

export const applyCommand: Command = {
  name: 'apply',
  summary: 'create the identities and role assignments of a design in Azure (or the sandbox)',
  usage: `Usage: idtopo apply FILE --subscription ID --resource-group RG [--location L]
                    [--tenant T] [--cloud NAME] [--sandbox URL [--client-id ID --client-secret S]]
                    [--report OUT] [--principal NODE=OBJECT_ID ...]
                    [--confirm-privileged] [--concurrency N]

Binds every app and service node without azure.resourceId to the resource of the same name and
a matching type in RG, creates unbound identities in RG (in --location, default: RG's location),
then runs the plan: identities, identity settings of apps, role assignments, Cosmos DB data roles,
app settings. Idempotent: a second run changes nothing. SQL steps are printed as T-SQL to run.
FILE may be - to read the design from standard input.

  -g, --resource-group RG
                         the resource group the design is bound to and identities are created in
  -l, --location L       where unbound identities are created (default: RG's location)
  --sandbox URL          talk to the sandbox emulator (npm run sandbox) instead of Azure, which
                         is reached through DefaultAzureCredential (az login, env, managed identity)
${SIGN_IN_USAGE}
  --principal NODE=ID    Microsoft Entra object id for a developer node without azure.principalId
  --confirm-privileged   required when the plan grants a privileged role (Owner, Contributor, …)
  --report OUT           write the JSON report to OUT (-: stdout, the summary then on stderr)
  --concurrency N        steps run at once within a phase (default ${DEFAULT_CONCURRENCY}); the phases run one
                         after another, steps that ARM serializes (data roles of one Cosmos DB
                         account, …) one at a time whatever N. Writes are paced to ARM's
                         throttling either way: lower N for fewer writes in flight, 1 for one by one
  -h, --help             print this help

Steps the preview finds you lack permission for are tried anyway: ARM's answer (such as
AuthorizationFailed) goes into the report. Progress goes to stderr, the summary to stdout (to
stderr with --report -: stdout is then the JSON report alone).

Example:
  idtopo apply ${EXAMPLE_DESIGN} \\
    --subscription 00000000-0000-0000-0000-000000000000 --resource-group my-rg --report apply.json

Exit codes: 0 every step done or already in place, 1 some step failed, 2 invalid input or binding.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(this, args, {
      subscription: { type: 'string' },
      'resource-group': { type: 'string', short: 'g' },
      location: { type: 'string', short: 'l' },
      sandbox: { type: 'string' },
      report: { type: 'string' },
      principal: { type: 'string', multiple: true },
      'confirm-privileged': { type: 'boolean' },
      concurrency: { type: 'string' },
      ...SIGN_IN_FLAGS,
    })
    const file = requireFile(this, positionals)
    const { subscriptionId, resourceGroup } = requireTarget(this.name, this.usage, values)
    const concurrency =
      values.concurrency === undefined ? DEFAULT_CONCURRENCY : Number(values.concurrency)
    if (!Number.isInteger(concurrency) || concurrency < 1)
      throw new CliError('idtopo apply: --concurrency must be a positive integer')
    const developerIds = parsePrincipalFlags(this.name, values.principal as string[] | undefined)

    const design = await loadDesign(io, file, { '--report': values.report })
    checkPrincipalNodes(this.name, developerIds, design)
    // Before anything changes in Azure: a report that cannot be written would be lost after it.
    await refuseUnwritable(
      io,
      '--report',
      values.report as string | undefined,
      'nothing was applied',
    )
    // Until the run starts nothing is written: Ctrl+C while reading says so, not just ends.
    const whileReading = (): void => {
      io.stderr('\nCancelled before anything was applied (apply was still reading Azure).\n')
      process.exit(130)
    }
    const read = async () => {
      const pacer = new ArmPacer(ARM_WRITE_BUCKET, systemClock)
      const connection = await connectTarget(
        values.sandbox as string | undefined,
        (n, bucket) => pacer.observeRemaining(n, bucket),
        signInOf(this.name, values),
        { command: this.name, progress: io.stderr },
      )
      const gateway = withReadRetries(connection.gateway, {
        clock: systemClock,
        random: Math.random,
      })
      const armCall = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
        try {
          return await call()
        } catch (e) {
          // A sign-in that fails after the first (a token renewed; the read retries meanwhile took
          // it for a dropped connection): said as what it is.
          const signIn = signInFailure(this.name, e)
          if (signIn) throw new CliError(signIn)
          if (isArmFailure(e))
            throw new CliError(`idtopo apply: ${t(what)}: ${t(describeFailure(e, true))}`)
          throw e
        }
      }

      const groups = await armCall(
        `cannot list resource groups of subscription ${subscriptionId}`,
        () => gateway.listResourceGroups(subscriptionId),
      )
      const group = groups.find((g) => g.name.toLowerCase() === resourceGroup.toLowerCase())
      if (!group)
        throw new CliError(
          `idtopo apply: resource group ${t(resourceGroup)} not found in subscription ${t(subscriptionId)}`,
        )
      const target: BindTarget = {
        subscriptionId,
        resourceGroup: group.name,
        location: (values.location as string | undefined) ?? group.location,
      }
      const resources = await armCall(`cannot list the resources of ${group.name}`, () =>
        gateway.listResources(subscriptionId, group.name),
      )
      const ids = connection.sandbox
        ? { ...sandboxDeveloperIds(design), ...developerIds }
        : developerIds
      const prepared = prepareApply(design, resources, target, ids)
      if (!prepared.ok)
        throw new CliError(formatBindingFailure(file, group.name, design, prepared.error.problems))
      const { steps } = prepared.value
      io.stderr(
        `Reading the current state of ${steps.length} steps in ${t(connection.endpoint)}…\n`,
      )
      const preview = await previewApply(prepared.value.design, steps, gateway, target)
      // Custom roles are judged from their definitions in Azure, read by the preview.
      const privileged = privilegedItems(preview.items)
      if (privileged.length > 0 && !values['confirm-privileged']) {
        throw new CliError(
          `idtopo apply: the plan grants privileged roles; review them and re-run with --confirm-privileged:\n${privileged.map(({ step }) => `  ${t(step.title)}${step.kind === 'assignRole' && step.privilegedBecause ? ` (${t(step.privilegedBecause)})` : ''}`).join('\n')}`,
        )
      }
      const c = countPreview(preview.items)
      const denied = preview.items.filter((i) => i.denied).length
      io.stderr(
        `Preview: ${c.create} to create, ${c.inPlace} already in place, ${c.conflict} to change, ${c.cannot} cannot be applied${denied ? ` (${denied} for lack of permission: tried anyway, ARM decides)` : ''}, ${c.manual} manual\n`,
      )

      return { pacer, connection, target, preview }
    }
    process.once('SIGINT', whileReading)
    const { pacer, connection, target, preview } = await read().finally(() =>
      process.removeListener('SIGINT', whileReading),
    )

    const abort = new AbortController()
    const onSignal = (): void => {
      io.stderr('\nCancelling: steps in flight finish or stop; nothing new starts…\n')
      abort.abort()
    }
    process.once('SIGINT', onSignal)
    let progress = startProgress(preview.items.length, systemClock.now())
    try {
      const report = await runApply(preview, {
        gateway: connection.gateway,
        clock: systemClock,
        random: Math.random,
        design: design.name,
        target: { ...target, endpoint: connection.endpoint },
        pacer,
        concurrency,
        signal: abort.signal,
        attemptDenied: true,
        onEvent: (event) => {
          const now = systemClock.now()
          progress = timedProgress(progress, event, now)
          const line = formatApplyEvent(event)
          const left = event.type === 'stepFinished' ? timeLeft(progress, now) : undefined
          if (line)
            io.stderr(`${line}${left !== undefined ? ` (${describeTimeLeft(left)})` : ''}\n`)
        },
      })
      // With --report -, stdout is the JSON report alone: the summary joins the progress.
      const summary = formatApplySummary(report)
      if (values.report === '-') io.stderr(summary)
      else io.stdout(summary)
      if (values.report !== undefined)
        await emit(io, stableJson(report), values.report as string, 'the apply report')
      return succeeded(report) ? EXIT.ok : EXIT.findings
    } finally {
      process.removeListener('SIGINT', onSignal)
    }
  },
}
