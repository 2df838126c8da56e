// The exports for a sovereign cloud: Terraform's azurerm provider must be told the cloud (else it
// signs in to and calls the public one), and the CLI script must not run against another cloud
// than it was written for (its subscription would not be found there, or a same-named group
// would be). Bicep is cloud-neutral: it deploys wherever az points, so it only says where.
import { describe, expect, it } from 'vitest'
import { exportDesign } from '@/export/export.ts'
import { templateById } from '@/templates/index.ts'
import { dataPlane } from './fixtures.ts'
import { parseTerraform, runExportedScript } from './read-exports.ts'

const scenario3 = templateById('scenario-3')!.design

describe('exports for another Azure cloud', () => {
  it.each([
    ['AzureUSGovernment', 'usgovernment'],
    ['AzureChinaCloud', 'china'],
  ] as const)(
    "gives Terraform's azurerm provider the %s environment",
    async (cloud, environment) => {
      const json = await parseTerraform(exportDesign(scenario3, 'terraform', { cloud }))
      expect(json.provider.azurerm).toEqual([
        { features: [{}], subscription_id: '${var.subscription_id}', environment },
      ])
    },
  )

  it('leaves every public-cloud export as it was', async () => {
    for (const format of ['bicep', 'terraform', 'cli'] as const)
      for (const d of [scenario3, dataPlane()])
        expect(exportDesign(d, format, { cloud: 'AzureCloud' })).toBe(exportDesign(d, format))
    const json = await parseTerraform(exportDesign(scenario3, 'terraform'))
    expect(json.provider.azurerm).toEqual([
      { features: [{}], subscription_id: '${var.subscription_id}' },
    ])
  })

  it('stops the CLI script before any call but az cloud show when az points at another cloud', () => {
    const script = exportDesign(dataPlane(), 'cli', { cloud: 'AzureUSGovernment' })
    for (const other of [undefined, 'AzureChinaCloud']) {
      const { run } = runExportedScript(script, other ? { AZ_CLOUD: other } : {})
      expect(run.status).toBe(1)
      expect(run.calls).toEqual([['cloud', 'show', '--query', 'name', '--output', 'tsv']])
      expect(run.stderr).toBe(
        'this script is for Azure US Government: run az cloud set --name AzureUSGovernment, then az login, and run it again\n',
      )
    }
  }, 30_000) // each run starts bash and the fake az

  it('runs the CLI script in its own cloud as the public one runs in the public cloud', () => {
    const sovereign = runExportedScript(
      exportDesign(dataPlane(), 'cli', { cloud: 'AzureChinaCloud' }),
      { AZ_CLOUD: 'AzureChinaCloud' },
    )
    const publicRun = runExportedScript(exportDesign(dataPlane(), 'cli'))
    expect(sovereign.run.status).toBe(0)
    expect(sovereign.run.calls[0]).toEqual(['cloud', 'show', '--query', 'name', '--output', 'tsv'])
    expect(sovereign.run.calls.slice(1)).toEqual(publicRun.run.calls)
    expect(sovereign.run.stdout).toBe(publicRun.run.stdout)
  }, 30_000) // each run starts bash and the fake az

  it('says in the Bicep file to point az at the cloud, and changes nothing else', () => {
    const bicep = exportDesign(scenario3, 'bicep', { cloud: 'AzureChinaCloud' }).split('\n')
    const publicBicep = exportDesign(scenario3, 'bicep').split('\n')
    expect(bicep[1]).toBe(
      '// For Azure China (21Vianet): first az cloud set --name AzureChinaCloud, then az login.',
    )
    expect([bicep[0], ...bicep.slice(2)]).toEqual(publicBicep)
  })
})
