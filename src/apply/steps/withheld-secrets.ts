/**
 * What a container group's GET withholds and writing it back would clear: ACI never returns its
 * secrets (the `secureValue` of environment variables, registry passwords, Azure Files keys,
 * secret volumes: azure-sdk-for-java#32624), and a PUT sets every property it does not carry
 * back to its default (Microsoft Learn, "Update containers in Azure Container Instances"). Each
 * as words for the user; empty when the group has none.
 */
export function withheldSecrets(document: Record<string, unknown> | undefined): string[] {
  const properties = (document?.properties ?? {}) as {
    containers?: { properties?: { environmentVariables?: Record<string, unknown>[] } }[]
    initContainers?: { properties?: { environmentVariables?: Record<string, unknown>[] } }[]
    imageRegistryCredentials?: Record<string, unknown>[]
    volumes?: Record<string, unknown>[]
  }
  const out: string[] = []
  for (const c of [...(properties.containers ?? []), ...(properties.initContainers ?? [])])
    for (const v of c.properties?.environmentVariables ?? [])
      // A secure variable reads as its name alone.
      if (v.value === undefined && v.secureValue === undefined)
        out.push(`secure variable ${String(v.name)}`)
  for (const r of properties.imageRegistryCredentials ?? [])
    if (r.password === undefined && r.identity === undefined)
      out.push(`registry password for ${String(r.server)}`)
  for (const v of properties.volumes ?? []) {
    if (v.azureFile) out.push(`Azure Files key of volume ${String(v.name)}`)
    if (v.secret) out.push(`secret volume ${String(v.name)}`)
  }
  return out
}

/**
 * A Logic App's secure workflow parameters whose value the GET leaves out: a SecureString or
 * SecureObject parameter without a default takes its value from `properties.parameters`, which
 * reads back empty, and a PUT without it is refused (InvalidTemplate "The value for the workflow
 * parameter … is not provided": Azure/LogicAppsUX#4404). Each as words; empty when none.
 */
export function withheldWorkflowParameters(
  document: Record<string, unknown> | undefined,
): string[] {
  const properties = (document?.properties ?? {}) as {
    definition?: { parameters?: Record<string, { type?: string; defaultValue?: unknown }> }
    parameters?: Record<string, { value?: unknown }>
  }
  return Object.entries(properties.definition?.parameters ?? {})
    .filter(
      ([name, p]) =>
        /^secure(string|object)$/i.test(p.type ?? '') &&
        p.defaultValue === undefined &&
        properties.parameters?.[name]?.value === undefined,
    )
    .map(([name]) => `secure parameter ${name}`)
}
