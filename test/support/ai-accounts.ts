import { inPageWorld, SUB } from '../apply/support.ts'

/** The group holding the Cognitive Services accounts below. */
export const AI_RG = 'ai-rg'
const GROUP = `/subscriptions/${SUB}/resourceGroups/${AI_RG}`
export const accountId = (name: string): string =>
  `${GROUP}/providers/Microsoft.CognitiveServices/accounts/${name}`
export const AI_SITE = `${GROUP}/providers/Microsoft.Web/sites/app-calls`

/**
 * The in-page sandbox with a group holding one Cognitive Services account of each sort an app
 * meets, as ARM spells their kinds: Azure OpenAI (`OpenAI`), Foundry / Azure AI Services
 * (`AIServices`, which serves Azure OpenAI too) and Speech (`SpeechServices`, which does not); and
 * an App Service app, `app-calls`.
 */
export function aiWorld() {
  const world = inPageWorld()
  const account = (name: string, kind: string) => ({
    type: 'Microsoft.CognitiveServices/accounts',
    name,
    resourceGroup: AI_RG,
    kind,
  })
  world.sandbox.seed({
    resourceGroups: [{ name: AI_RG, location: 'westeurope' }],
    resources: [
      account('oai-chat', 'OpenAI'),
      account('foundry-hub', 'AIServices'),
      account('speech-calls', 'SpeechServices'),
      { type: 'Microsoft.Web/sites', name: 'app-calls', resourceGroup: AI_RG, kind: 'app' },
    ],
  })
  return world
}
