import { cloudOf, cloudOfAuthority, PUBLIC_CLOUD, type AzureCloud } from './clouds.ts'

/**
 * Where the web app signs in and which ARM it talks to: a Microsoft Entra app registration's
 * client id, the authority (Entra's `https://login.microsoftonline.com/{tenant}`, a sovereign
 * cloud's, or any Entra-shaped issuer such as the sign-in sandbox's) and the ARM endpoint.
 */
export interface EntraSettings {
  readonly clientId: string
  /** `https://{host}/{tenant}`; an issuer (`…/{tenant}/v2.0`) is accepted and trimmed. */
  readonly authority: string
  readonly armEndpoint: string
}

export const DEFAULT_AUTHORITY = 'https://login.microsoftonline.com/organizations'
export const DEFAULT_ARM_ENDPOINT = PUBLIC_CLOUD.armEndpoint

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export type SettingsField = keyof EntraSettings

/** What is wrong with one field, in words for the form; undefined when it is fine. */
export function settingsProblem(field: SettingsField, value: string): string | undefined {
  const text = value.trim()
  switch (field) {
    case 'clientId':
      return GUID.test(text)
        ? undefined
        : 'expected a GUID such as 00000000-0000-0000-0000-000000000000'
    case 'authority': {
      const url = httpsUrl(text)
      if (!url) return 'expected an https URL such as https://login.microsoftonline.com/<tenant>'
      return url.pathname.split('/').filter(Boolean).length === 0
        ? 'name the tenant: https://<host>/<tenant id or domain>'
        : undefined
    }
    case 'armEndpoint':
      return httpsUrl(text)
        ? undefined
        : 'expected an https URL such as https://management.azure.com'
  }
}

/**
 * Settings that sign in to one cloud and call another's ARM: that ARM refuses the token
 * (InvalidAuthenticationTokenAudience), so the form says so on the ARM endpoint before any
 * sign-in. Undefined when both are one cloud's, or either is no cloud's (a sandbox, a custom host).
 */
export function cloudMismatch(settings: EntraSettings): string | undefined {
  const signIn = cloudOfAuthority(settings.authority.trim())
  const arm = cloudOf(settings.armEndpoint.trim())
  if (!signIn || !arm || signIn === arm) return undefined
  return `the authority signs in to ${signIn.label}, whose ARM endpoint is ${signIn.armEndpoint}; this one is ${arm.label}'s, which refuses its tokens`
}

/**
 * The settings moved to a cloud: its sign-in host (the tenant kept, else `organizations`) and its
 * ARM endpoint; for no cloud (a sandbox, a custom ARM), the ARM endpoint left to fill in.
 */
export function settingsInCloud(
  settings: EntraSettings,
  cloud: AzureCloud | undefined,
): EntraSettings {
  if (!cloud) return { ...settings, armEndpoint: '' }
  let tenant = '/organizations'
  try {
    const path = new URL(settings.authority.trim()).pathname.replace(/\/+$/, '')
    if (path !== '') tenant = path
  } catch {
    // Not a URL yet: the default tenant path.
  }
  return {
    ...settings,
    authority: `${cloud.authorityHost}${tenant}`,
    armEndpoint: cloud.armEndpoint,
  }
}

/** The settings as saved: trimmed, the authority without a trailing `/v2.0`, no trailing slashes. */
export function normalizeSettings(input: EntraSettings): EntraSettings {
  return {
    clientId: input.clientId.trim(),
    authority: input.authority
      .trim()
      .replace(/\/+$/, '')
      .replace(/\/v2\.0$/i, ''),
    armEndpoint: input.armEndpoint.trim().replace(/\/+$/, ''),
  }
}

/**
 * Settings read back from storage or the build: the current shape, or the first version's
 * `{clientId, tenant}` (Entra's public cloud); null when unusable.
 */
export function readSettings(value: unknown): EntraSettings | null {
  if (!value || typeof value !== 'object') return null
  const v = value as Record<string, unknown>
  const text = (x: unknown): string | undefined =>
    typeof x === 'string' && x.trim() ? x : undefined
  const clientId = text(v.clientId)
  if (!clientId) return null
  const tenant = text(v.tenant)
  const settings = normalizeSettings({
    clientId,
    authority:
      text(v.authority) ?? `https://login.microsoftonline.com/${tenant ?? 'organizations'}`,
    armEndpoint: text(v.armEndpoint) ?? DEFAULT_ARM_ENDPOINT,
  })
  const fields: SettingsField[] = ['clientId', 'authority', 'armEndpoint']
  return fields.every((f) => settingsProblem(f, settings[f]) === undefined) ? settings : null
}

function httpsUrl(text: string): URL | undefined {
  try {
    const url = new URL(text)
    return url.protocol === 'https:' && url.hostname !== '' ? url : undefined
  } catch {
    return undefined
  }
}
