/** Where the sandbox's seeded resources live. */
export const SANDBOX_DEFAULTS = {
  subscriptionId: '11111111-1111-1111-1111-111111111111',
  resourceGroup: 'sandbox-rg',
} as const
