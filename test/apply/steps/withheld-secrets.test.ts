import { describe, expect, it } from 'vitest'
import { withheldSecrets, withheldWorkflowParameters } from '@/apply/steps/withheld-secrets.ts'

describe('withheldSecrets: what a container group GET leaves out and a write-back would clear', () => {
  it('names each secure variable, registry password, Azure Files key and secret volume', () => {
    const env = (vars: Record<string, unknown>[]) => ({
      properties: { environmentVariables: vars },
    })
    expect(
      withheldSecrets({
        properties: {
          containers: [env([{ name: 'MODE', value: 'prod' }, { name: 'API_KEY' }])],
          initContainers: [env([{ name: 'SEED_TOKEN' }])],
          imageRegistryCredentials: [
            { server: 'a.azurecr.io', username: 'pull' },
            { server: 'b.azurecr.io', identity: '/subscriptions/s/…/mi' },
          ],
          volumes: [
            { name: 'share', azureFile: { shareName: 'data', storageAccountName: 'st' } },
            { name: 'certs', secret: {} },
            { name: 'scratch', emptyDir: {} },
          ],
        },
      }),
    ).toEqual([
      'secure variable API_KEY',
      'secure variable SEED_TOKEN',
      'registry password for a.azurecr.io',
      'Azure Files key of volume share',
      'secret volume certs',
    ])
  })

  it('finds nothing in a group without secrets, or no document at all', () => {
    expect(
      withheldSecrets({
        properties: { containers: [{ name: 'app', properties: { image: 'x' } }] },
      }),
    ).toEqual([])
    expect(withheldSecrets(undefined)).toEqual([])
  })
})

describe('withheldWorkflowParameters: a workflow’s secure parameters whose value a GET leaves out', () => {
  it('names SecureString and SecureObject parameters without a default or a value read back', () => {
    expect(
      withheldWorkflowParameters({
        properties: {
          definition: {
            parameters: {
              apiKey: { type: 'SecureString' },
              settings: { type: 'secureobject' },
              fallback: { type: 'SecureString', defaultValue: 'x' },
              region: { type: 'String' },
              token: { type: 'SecureString' },
            },
          },
          parameters: { region: { value: 'westeurope' }, token: { value: 'given' } },
        },
      }),
    ).toEqual(['secure parameter apiKey', 'secure parameter settings'])
    expect(withheldWorkflowParameters({ properties: { definition: {} } })).toEqual([])
  })
})
