import { AuthorizationManagementClient } from '@azure/arm-authorization'
import { ManagedServiceIdentityClient } from '@azure/arm-msi'
import { ResourceManagementClient } from '@azure/arm-resources'
import type { TokenCredential } from '@azure/core-auth'
import type { CommonClientOptions } from '@azure/core-client'
import {
  createHttpHeaders,
  createPipelineRequest,
  type PipelinePolicy,
  type PipelineResponse,
} from '@azure/core-rest-pipeline'
import { abortError } from '../apply/clock.ts'
import type {
  ArmGateway,
  FederatedCredential,
  RedisAccessPolicyAssignment,
  LiveIdentityProperty,
  LiveResource,
  LiveRoleAssignment,
  LiveUserIdentity,
} from '../apply/gateway.ts'
import type { PermissionEntry } from '../catalog/arm-permissions.ts'
import type { ChangeBucket, RemainingCalls } from '../apply/pacer.ts'
import { parseArmId } from '../plan/arm-ids.ts'
import { armTokenScope, PUBLIC_CLOUD } from '../apply/clouds.ts'
import { failureFromResponse, retryAfterMs, toArmFailure } from './arm-failure.ts'

const API = {
  subscriptions: '2022-12-01',
  permissions: '2022-04-01',
  cosmos: '2024-05-15',
  msi: '2023-01-31',
  keyVault: '2023-07-01',
  redis: '2024-11-01',
  web: '2023-12-01',
}

export interface SdkGatewayOptions {
  readonly credential: TokenCredential
  /** Endpoint, httpClient, TLS settings… (the sandbox supplies its own). */
  readonly clientOptions?: CommonClientOptions & {
    endpoint?: string
    credentialScopes?: string | string[]
  }
  /**
   * Called with the calls ARM has left whenever it says, per bucket: the caller's writes and the
   * subscription-wide ones (x-ms-ratelimit-remaining-subscription-writes, …-global-writes) on a
   * write's answer, its deletes and the subscription's (…-deletes, …-global-deletes) on a
   * delete's.
   */
  readonly onRemainingCalls?: RemainingCalls
  /** Waits between polls of a long-running operation (injected: a virtual clock in tests). */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  /** Poll interval when ARM sends no Retry-After (default 1 s, then doubling to 8 s). */
  readonly pollIntervalMs?: number
  /** How long to keep polling one operation (default 10 minutes). */
  readonly pollTimeoutMs?: number
}

/** A timer sleep that an abort signal ends early (the default outside tests). */
function timerSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError())
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(abortError())
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/**
 * The ARM gateway over the Azure SDK for JS: @azure/arm-authorization for role assignments,
 * @azure/arm-msi for identities, @azure/arm-resources for groups and resources, and the same
 * authenticated pipeline for the few calls those packages lack. The SDK's own retries are off:
 * the apply engine retries, paces and reports every attempt.
 */
export function createSdkGateway(options: SdkGatewayOptions): ArmGateway {
  const endpoint = (options.clientOptions?.endpoint ?? PUBLIC_CLOUD.armEndpoint).replace(/\/+$/, '')
  const clientOptions = {
    // The audience of the endpoint's cloud: ARM in Azure Government refuses a public-cloud token.
    credentialScopes: [armTokenScope(endpoint, '.default')],
    ...options.clientOptions,
    endpoint,
    retryOptions: { maxRetries: 0 },
    additionalPolicies: [
      ...(options.clientOptions?.additionalPolicies ?? []),
      { policy: observeRemaining(options.onRemainingCalls), position: 'perRetry' as const },
    ],
  }
  const auth = new Map<string, AuthorizationManagementClient>()
  const msi = new Map<string, ManagedServiceIdentityClient>()
  const resources = new Map<string, ResourceManagementClient>()
  const per = <T>(cache: Map<string, T>, sub: string, make: () => T): T => {
    const hit = cache.get(sub)
    if (hit) return hit
    const client = make()
    cache.set(sub, client)
    return client
  }
  const authFor = (sub: string) =>
    per(auth, sub, () => new AuthorizationManagementClient(options.credential, sub, clientOptions))
  const msiFor = (sub: string) =>
    per(msi, sub, () => new ManagedServiceIdentityClient(options.credential, sub, clientOptions))
  const resourcesFor = (sub: string) =>
    per(resources, sub, () => new ResourceManagementClient(options.credential, sub, clientOptions))
  const subOf = (id: string): string =>
    parseArmId(id)?.subscriptionId ?? '00000000-0000-0000-0000-000000000000'

  const sleep = options.sleep ?? timerSleep
  const pollInterval = options.pollIntervalMs ?? 1000
  const pollTimeout = options.pollTimeoutMs ?? 10 * 60_000

  /** One request on the authenticated pipeline; 4xx/5xx become ArmFailures. */
  async function send(
    method: 'GET' | 'PUT' | 'PATCH' | 'POST',
    path: string,
    apiVersion: string,
    body?: unknown,
    signal?: AbortSignal,
  ): Promise<PipelineResponse> {
    const client = authFor(subOf(path))
    const sep = path.includes('?') ? '&' : '?'
    const request = createPipelineRequest({
      url: path.startsWith('http') ? path : `${endpoint}${path}${sep}api-version=${apiVersion}`,
      method,
      headers: createHttpHeaders({
        'content-type': 'application/json',
        accept: 'application/json',
      }),
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      ...(signal ? { abortSignal: signal } : {}),
    })
    let response
    try {
      response = await client.sendRequest(request)
    } catch (e) {
      throw toArmFailure(e)
    }
    if (response.status >= 400) throw failureFromResponse(response)
    return response
  }

  /** An ARM call that waits out a long-running write, then answers with the resource. */
  async function call(
    method: 'GET' | 'PUT' | 'PATCH' | 'POST',
    path: string,
    apiVersion: string,
    body?: unknown,
    signal?: AbortSignal,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await send(method, path, apiVersion, body, signal)
    if (method === 'GET') return { status: response.status, body: jsonOf(response) }
    // As @azure/core-lro infers a write's way of finishing: Azure-AsyncOperation on any answer,
    // Location on a 201 or 202, else the resource itself while its provisioningState runs (a
    // Redis access policy assignment answers 201 "Updating").
    const asyncOperation = response.headers.get('azure-asyncoperation')
    const location = response.status !== 200 ? response.headers.get('location') : undefined
    if (asyncOperation || location) {
      await awaitOperation(response, signal)
      return {
        status: response.status,
        body: (await call('GET', path, apiVersion, undefined, signal)).body,
      }
    }
    const answered = jsonOf(response)
    if (method === 'POST' || terminal(provisioningStateOf(answered)))
      return { status: response.status, body: answered }
    return { status: response.status, body: await awaitProvisioning(path, apiVersion, signal) }
  }

  /** Polls a resource until its provisioningState ends (Succeeded, or it throws the failure). */
  async function awaitProvisioning(
    path: string,
    apiVersion: string,
    signal?: AbortSignal,
  ): Promise<Record<string, unknown>> {
    for (let i = 0, waited = 0; ; i++) {
      const wait = Math.min(pollInterval * 2 ** Math.min(i, 3), 8000)
      if (waited > pollTimeout)
        throw { code: 'OperationTimeout', message: `${path} did not finish provisioning.` }
      await sleep(wait, signal)
      waited += wait
      const resource = jsonOf(await send('GET', path, apiVersion, undefined, signal))
      const state = provisioningStateOf(resource)
      if (!terminal(state)) continue
      if (state?.toLowerCase() === 'succeeded') return resource
      throw { code: `Provisioning${state}`, message: `${path} ended provisioning ${state}.` }
    }
  }

  /**
   * Long-running writes (ARM's async pattern): poll `Azure-AsyncOperation` until its `status` is
   * terminal, or else `Location` while it answers 202 (an empty 202 is "not yet", never success),
   * each time after the operation's Retry-After (else a doubling interval).
   */
  async function awaitOperation(first: PipelineResponse, signal?: AbortSignal): Promise<void> {
    const asyncOperation = first.headers.get('azure-asyncoperation')
    let url = asyncOperation ?? (first.headers.get('location') as string)
    let wait = retryAfterMs(first.headers) ?? 0
    let waited = 0
    for (let i = 0; ; i++) {
      if (waited > pollTimeout)
        throw { code: 'OperationTimeout', message: `The operation at ${url} did not finish.` }
      await sleep(wait, signal)
      waited += wait
      const polled = await send('GET', url, '', undefined, signal)
      const next =
        retryAfterMs(polled.headers) ?? Math.min(pollInterval * 2 ** Math.min(i, 3), 8000)
      if (asyncOperation) {
        const body = jsonOf(polled)
        const status = String(body.status ?? '')
        if (status.toLowerCase() === 'succeeded') return
        if (terminal(status)) {
          const error = (body.error ?? {}) as { code?: string; message?: string }
          throw {
            code: error.code ?? `Operation${status}`,
            message: error.message ?? `The operation ${status.toLowerCase()}.`,
          }
        }
      } else {
        if (polled.status !== 202) return
        url = polled.headers.get('location') ?? url
      }
      wait = next
    }
  }

  async function list<T>(path: string, apiVersion: string, signal?: AbortSignal): Promise<T[]> {
    const out: T[] = []
    let next: string | undefined = path
    let first = true
    while (next) {
      const page = await call('GET', next, first ? apiVersion : '', undefined, signal)
      first = false
      out.push(...((page.body.value as T[] | undefined) ?? []))
      next = page.body.nextLink as string | undefined
    }
    return out
  }

  const sdk = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run()
    } catch (e) {
      throw toArmFailure(e)
    }
  }
  const notFoundAsUndefined = async <T>(run: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await run()
    } catch (e) {
      const f = e as { status?: number }
      if (f.status === 404) return undefined
      throw e
    }
  }

  /** Assignments the principal holds at, above or below a scope (ARM's principalId filter). */
  const principalAssignments = (scope: string, principalId: string, o?: { signal?: AbortSignal }) =>
    sdk(async () => {
      const out: LiveRoleAssignment[] = []
      const pages = authFor(subOf(scope)).roleAssignments.listForScope(scope, {
        filter: `principalId eq '${principalId}'`,
        abortSignal: o?.signal,
      })
      for await (const a of pages) if (a.principalId === principalId) out.push(liveAssignment(a))
      return out
    })

  return {
    listSubscriptions: async (o) =>
      (
        await list<{ subscriptionId: string; displayName: string }>(
          '/subscriptions',
          API.subscriptions,
          o?.signal,
        )
      ).map((s) => ({
        subscriptionId: s.subscriptionId,
        displayName: s.displayName,
      })),
    listTenants: async (o) =>
      (
        await list<{ tenantId: string; displayName?: string; defaultDomain?: string }>(
          '/tenants',
          API.subscriptions,
          o?.signal,
        )
      ).map((t) => ({
        tenantId: t.tenantId,
        displayName: t.displayName ?? t.tenantId,
        defaultDomain: t.defaultDomain ?? '',
      })),
    listResourceGroups: (sub, o) =>
      sdk(async () => {
        const out = []
        for await (const g of resourcesFor(sub).resourceGroups.list({ abortSignal: o?.signal }))
          out.push({ name: g.name ?? '', location: g.location })
        return out
      }),
    listResources: (sub, rg, o) =>
      sdk(async () => {
        const out: LiveResource[] = []
        for await (const r of resourcesFor(sub).resources.listByResourceGroup(rg, {
          abortSignal: o?.signal,
        }))
          out.push(liveResource(r))
        return out
      }),
    getResource: (id, apiVersion, o) =>
      notFoundAsUndefined(async () => {
        const { body } = await call('GET', id, apiVersion, undefined, o?.signal)
        return { ...liveResource(body), document: body }
      }),
    patchIdentity: async (id, apiVersion, identity, o) =>
      liveResource((await call('PATCH', id, apiVersion, { identity }, o?.signal)).body),
    patchProperties: async (id, apiVersion, properties, o) =>
      liveResource((await call('PATCH', id, apiVersion, { properties }, o?.signal)).body),
    putResource: async (id, apiVersion, document, o) =>
      liveResource((await call('PUT', id, apiVersion, document, o?.signal)).body),
    getUserIdentity: (id, o) =>
      notFoundAsUndefined(() =>
        sdk(async () => {
          const p = parseArmId(id)
          const r = await msiFor(subOf(id)).userAssignedIdentities.get(
            p?.resourceGroup ?? '',
            p?.name ?? '',
            { abortSignal: o?.signal },
          )
          return liveIdentity(r)
        }),
      ),
    putUserIdentity: (id, location, o) =>
      sdk(async () => {
        const p = parseArmId(id)
        let status = 0
        const r = await msiFor(subOf(id)).userAssignedIdentities.createOrUpdate(
          p?.resourceGroup ?? '',
          p?.name ?? '',
          { location },
          {
            abortSignal: o?.signal,
            onResponse: (raw) => void (status = raw.status),
          },
        )
        return { value: liveIdentity(r), created: status === 201 }
      }),
    listPrincipalAssignments: principalAssignments,
    listRoleAssignments: async (scope, principalId, o) =>
      (await principalAssignments(scope, principalId, o)).filter(
        (a) => a.scope.toLowerCase() === scope.toLowerCase(),
      ),
    createRoleAssignment: (scope, name, body, o) =>
      sdk(async () => {
        let status = 0
        const a = await authFor(subOf(scope)).roleAssignments.create(scope, name, body, {
          abortSignal: o?.signal,
          onResponse: (raw) => void (status = raw.status),
        })
        return {
          value: liveAssignment({
            ...a,
            name: a.name ?? name,
            scope: a.scope ?? scope,
            roleDefinitionId: a.roleDefinitionId ?? body.roleDefinitionId,
            principalId: a.principalId ?? body.principalId,
          }),
          created: status !== 200,
        }
      }),
    deleteRoleAssignment: (id, o) =>
      sdk(
        async () =>
          void (await authFor(subOf(id)).roleAssignments.deleteById(id, {
            abortSignal: o?.signal,
          })),
      ),
    getRoleDefinition: (scope, guid, o) =>
      notFoundAsUndefined(() =>
        sdk(async () => {
          const d = await authFor(subOf(scope)).roleDefinitions.get(scope, guid, {
            abortSignal: o?.signal,
          })
          return {
            id: d.id ?? '',
            roleName: d.roleName ?? guid,
            type: d.roleType ?? '',
            permissions: (d.permissions ?? []).map((p) => ({
              actions: p.actions ?? [],
              notActions: p.notActions ?? [],
              dataActions: p.dataActions ?? [],
              notDataActions: p.notDataActions ?? [],
            })),
          }
        }),
      ),
    readPermissions: async (scope, o) => {
      try {
        return await list<PermissionEntry>(
          `${scope}/providers/Microsoft.Authorization/permissions`,
          API.permissions,
          o?.signal,
        )
      } catch (e) {
        // Not even allowed to ask: nothing is allowed there. Anything else: it cannot be told.
        if ((e as { status?: number }).status === 403) return []
        return undefined
      }
    },
    listScopeAssignments: (scope, o) =>
      sdk(async () => {
        const out: LiveRoleAssignment[] = []
        const pages = authFor(subOf(scope)).roleAssignments.listForScope(scope, {
          abortSignal: o?.signal,
        })
        for await (const a of pages) out.push(liveAssignment(a))
        return out
      }),
    listUserIdentities: (sub, rg, o) =>
      sdk(async () => {
        const out: LiveUserIdentity[] = []
        const identities = msiFor(sub).userAssignedIdentities
        const pages =
          rg === undefined
            ? identities.listBySubscription({ abortSignal: o?.signal })
            : identities.listByResourceGroup(rg, { abortSignal: o?.signal })
        for await (const r of pages) out.push(liveIdentity(r))
        return out
      }),
    listSubscriptionResources: (sub, o) =>
      sdk(async () => {
        const out: LiveResource[] = []
        for await (const r of resourcesFor(sub).resources.list({ abortSignal: o?.signal }))
          out.push(liveResource(r))
        return out
      }),
    listCosmosRoleAssignments: async (account, o) =>
      (
        await list<{
          id: string
          name: string
          properties: { roleDefinitionId: string; scope: string; principalId: string }
        }>(`${account}/sqlRoleAssignments`, API.cosmos, o?.signal)
      ).map((a) => ({
        id: a.id,
        name: a.name,
        ...a.properties,
      })),
    createCosmosRoleAssignment: async (account, name, body, o) => {
      const r = await call(
        'PUT',
        `${account}/sqlRoleAssignments/${name}`,
        API.cosmos,
        { properties: body },
        o?.signal,
      )
      const props = (r.body.properties ?? body) as typeof body
      return {
        value: { id: `${account}/sqlRoleAssignments/${name}`, name, ...props },
        created: r.status !== 200,
      }
    },
    getFederatedCredential: (identity, name, o) =>
      notFoundAsUndefined(async () => {
        const { body } = await call(
          'GET',
          `${identity}/federatedIdentityCredentials/${name}`,
          API.msi,
          undefined,
          o?.signal,
        )
        return federatedCredential(body)
      }),
    putFederatedCredential: async (identity, name, credential, o) => {
      const r = await call(
        'PUT',
        `${identity}/federatedIdentityCredentials/${name}`,
        API.msi,
        { properties: credential },
        o?.signal,
      )
      return { value: federatedCredential(r.body), created: r.status === 201 }
    },
    addVaultAccessPolicy: async (vault, policy, o) =>
      void (await call(
        'PUT',
        `${vault}/accessPolicies/add`,
        API.keyVault,
        { properties: { accessPolicies: [policy] } },
        o?.signal,
      )),
    listEntraAdministrators: async (server, apiVersion, o) =>
      (
        await list<{ name: string; properties?: { principalName?: string; login?: string } }>(
          `${server}/administrators`,
          apiVersion,
          o?.signal,
        )
      ).map((a) => ({
        name: a.name,
        login: a.properties?.principalName ?? a.properties?.login ?? a.name,
      })),
    getRedisAccessPolicyAssignment: (cache, name, o) =>
      notFoundAsUndefined(async () => {
        const { body } = await call(
          'GET',
          `${cache}/accessPolicyAssignments/${name}`,
          API.redis,
          undefined,
          o?.signal,
        )
        return redisAssignment(body)
      }),
    putRedisAccessPolicyAssignment: async (cache, name, assignment, o) => {
      const r = await call(
        'PUT',
        `${cache}/accessPolicyAssignments/${name}`,
        API.redis,
        { properties: assignment },
        o?.signal,
      )
      return { value: redisAssignment(r.body), created: r.status !== 200 }
    },
    getAppSettings: async (site, o) =>
      ((await call('POST', `${site}/config/appsettings/list`, API.web, undefined, o?.signal)).body
        .properties ?? {}) as Record<string, string>,
    putAppSettings: async (site, settings, o) =>
      void (await call(
        'PUT',
        `${site}/config/appsettings`,
        API.web,
        { properties: settings },
        o?.signal,
      )),
  }
}

function liveAssignment(a: {
  id?: string
  name?: string
  scope?: string
  roleDefinitionId?: string
  principalId?: string
  principalType?: string
  condition?: string | null
  conditionVersion?: string | null
}): LiveRoleAssignment {
  return {
    id: a.id ?? '',
    name: a.name ?? '',
    scope: a.scope ?? '',
    roleDefinitionId: a.roleDefinitionId ?? '',
    principalId: a.principalId ?? '',
    ...(a.principalType ? { principalType: a.principalType } : {}),
    // ARM answers null for an assignment without a condition.
    ...(a.condition ? { condition: a.condition } : {}),
    ...(a.condition && a.conditionVersion ? { conditionVersion: a.conditionVersion } : {}),
  }
}

function redisAssignment(body: Record<string, unknown>): RedisAccessPolicyAssignment {
  const p = (body.properties ?? {}) as Partial<RedisAccessPolicyAssignment>
  return {
    accessPolicyName: p.accessPolicyName ?? '',
    objectId: p.objectId ?? '',
    objectIdAlias: p.objectIdAlias ?? '',
  }
}

function federatedCredential(body: Record<string, unknown>): FederatedCredential {
  const p = (body.properties ?? {}) as Partial<FederatedCredential>
  return { issuer: p.issuer ?? '', subject: p.subject ?? '', audiences: p.audiences ?? [] }
}

/**
 * A provisioning or operation status that will not change again (any case; both cancel
 * spellings). None at all is final too: a resource without a provisioningState is done.
 */
function terminal(status: string | undefined): boolean {
  return status === undefined || /^(succeeded|failed|canceled|cancelled)$/i.test(status)
}

function provisioningStateOf(resource: Record<string, unknown>): string | undefined {
  const state = (resource.properties as Record<string, unknown> | undefined)?.provisioningState
  return typeof state === 'string' ? state : undefined
}

function jsonOf(response: PipelineResponse): Record<string, unknown> {
  return response.bodyAsText ? (JSON.parse(response.bodyAsText) as Record<string, unknown>) : {}
}

const REMAINING: readonly [string, ChangeBucket][] = [
  ['x-ms-ratelimit-remaining-subscription-writes', 'writes'],
  ['x-ms-ratelimit-remaining-subscription-global-writes', 'global-writes'],
  ['x-ms-ratelimit-remaining-subscription-deletes', 'deletes'],
  ['x-ms-ratelimit-remaining-subscription-global-deletes', 'global-deletes'],
]

/**
 * Reports what each of ARM's change buckets has left, whichever the answer carries: a write's
 * answer speaks of the write buckets, a delete's of the delete ones (ARM throttles them apart).
 */
function observeRemaining(onRemaining: RemainingCalls | undefined): PipelinePolicy {
  return {
    name: 'idtopoObserveRemainingWrites',
    async sendRequest(request, next) {
      const response = await next(request)
      for (const [header, bucket] of REMAINING) {
        const v = response.headers.get(header)
        if (v !== undefined && Number.isFinite(Number(v))) onRemaining?.(Number(v), bucket)
      }
      return response
    },
  }
}

function liveResource(
  r:
    | {
        id?: string
        name?: string
        type?: string
        kind?: string
        location?: string
        identity?: unknown
      }
    | Record<string, unknown>,
): LiveResource {
  const x = r as {
    id?: string
    name?: string
    type?: string
    kind?: string
    location?: string
    identity?: LiveIdentityProperty
  }
  return {
    id: x.id ?? '',
    name: x.name ?? '',
    type: x.type ?? '',
    ...(x.kind ? { kind: x.kind } : {}),
    ...(x.location ? { location: x.location } : {}),
    ...(x.identity ? { identity: x.identity } : {}),
  }
}

function liveIdentity(r: {
  id?: string
  name?: string
  location?: string
  principalId?: string
  clientId?: string
}): LiveUserIdentity {
  return {
    id: r.id ?? '',
    name: r.name ?? '',
    location: r.location ?? '',
    principalId: r.principalId ?? '',
    clientId: r.clientId ?? '',
  }
}
