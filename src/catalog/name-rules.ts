import { IDENTITY_NAME_RULE, isIdentityName } from '../model/azure-formats.ts'
import type { HostingKind, ServiceKind } from '../model/kinds.ts'
import { azureName } from '../model/bindings.ts'
import type { Design, DesignNode } from '../model/types.ts'
import { HOSTING } from './hosting.ts'
import { SERVICES } from './services.ts'

/** What Azure accepts as a resource's name: the whole name (ASCII), and the rule in words. */
export interface NameRule {
  readonly pattern: RegExp
  /** Completes "its name is …": "3–24 lower-case letters and digits". */
  readonly text: string
}

// learn.microsoft.com "Naming rules and restrictions for Azure resources"
// (azure-resource-manager/management/resource-name-rules, ms.date 08/04/2025), checked against the
// REST specs' name patterns (bicep-types-az) where they give one; where the two differ, Learn's
// (what the services enforce: Key Vault's start and end, App Configuration without `_`). A name that breaks them is refused by ARM (or, for a resource the
// design only refers to, names one that cannot exist).
const SERVICE_NAME_RULES: Readonly<Record<ServiceKind, NameRule>> = {
  storage: { pattern: /^[a-z0-9]{3,24}$/, text: '3–24 lower-case letters and digits' },
  keyVault: {
    pattern: /^(?=.{3,24}$)[A-Za-z](?!.*--)[A-Za-z0-9-]*[A-Za-z0-9]$/,
    text: '3–24 letters, digits and hyphens, starting with a letter, ending with a letter or digit, no two hyphens in a row',
  },
  serviceBus: {
    pattern: /^(?=.{6,50}$)[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]$/,
    text: '6–50 letters, digits and hyphens, starting with a letter and ending with a letter or digit',
  },
  eventHubs: {
    pattern: /^(?=.{6,50}$)[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]$/,
    text: '6–50 letters, digits and hyphens, starting with a letter and ending with a letter or digit',
  },
  eventGrid: { pattern: /^[A-Za-z0-9-]{3,50}$/, text: '3–50 letters, digits and hyphens' },
  cosmosDb: {
    pattern: /^(?=.{3,44}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/,
    text: '3–44 lower-case letters, digits and hyphens, not starting or ending with a hyphen',
  },
  sql: {
    pattern:
      /^(?=[^/]{1,63}\/)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\/(?=[^/]{1,128}$)[^<>*%&:\\/?\p{Cc}]*[^<>*%&:\\/?\p{Cc}. ]$/u,
    text: '<server>/<database>: the server 1–63 lower-case letters, digits and hyphens, not starting or ending with a hyphen; the database 1–128 characters but <>*%&:\\/? and controls, not ending with a period or space',
  },
  appConfiguration: {
    pattern: /^(?=.{5,50}$)[A-Za-z0-9](?!.*---)[A-Za-z0-9-]*[A-Za-z0-9]$/,
    text: '5–50 letters, digits and hyphens, not starting or ending with a hyphen, no three hyphens in a row',
  },
  containerRegistry: { pattern: /^[A-Za-z0-9]{5,50}$/, text: '5–50 letters and digits' },
  openAI: {
    pattern: /^(?=.{2,64}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/,
    text: '2–64 letters, digits and hyphens, starting and ending with a letter or digit',
  },
  // Not on the Learn page: Search Management REST, Services – Check Name Availability.
  search: {
    pattern: /^(?=.{2,60}$)[a-z0-9]{2}(?:-?[a-z0-9])*$/,
    text: '2–60 lower-case letters, digits and hyphens, the first two and the last a letter or digit, no two hyphens in a row',
  },
  signalR: {
    pattern: /^(?=.{3,63}$)[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]$/,
    text: '3–63 letters, digits and hyphens, starting with a letter and ending with a letter or digit',
  },
  postgresql: {
    pattern: /^(?=.{3,63}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/,
    text: '3–63 lower-case letters, digits and hyphens, not starting or ending with a hyphen',
  },
  mysql: {
    pattern: /^(?=.{3,63}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/,
    text: '3–63 lower-case letters, digits and hyphens, not starting or ending with a hyphen',
  },
  redis: {
    pattern: /^(?=.{1,63}$)[A-Za-z0-9](?!.*--)(?:[A-Za-z0-9-]*[A-Za-z0-9])?$/,
    text: '1–63 letters, digits and hyphens, starting and ending with a letter or digit, no two hyphens in a row',
  },
}

const WEB_SITE: NameRule = {
  // Learn also takes Unicode that maps to Punycode: any letter or digit, not only ASCII.
  pattern: /^(?=.{2,60}$)[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u,
  text: '2–60 letters, digits and hyphens, not starting or ending with a hyphen',
}

/**
 * The rules of app hostings that have one on the Learn page (a virtual machine's resource name
 * has none of its own, a Spring app and an AKS workload none there). Container Apps also refuse
 * `--`, as their ContainerAppInvalidName error says.
 */
const HOSTING_NAME_RULES: Readonly<Partial<Record<HostingKind, NameRule>>> = {
  appService: WEB_SITE,
  functionApp: WEB_SITE,
  containerApp: {
    pattern: /^(?=.{2,32}$)[a-z](?!.*--)(?:[a-z0-9-]*[a-z0-9])$/,
    text: '2–32 lower-case letters, digits and hyphens, starting with a letter and ending with a letter or digit, no two hyphens in a row',
  },
  logicApp: {
    pattern: /^[A-Za-z0-9._()-]{1,43}$/,
    text: '1–43 letters, digits, hyphens, underscores, periods and parentheses',
  },
  containerInstance: {
    pattern: /^(?=.{1,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$/,
    text: '1–63 lower-case letters, digits and hyphens, not starting or ending with a hyphen, no two hyphens in a row',
  },
}

/** The rule for a service kind's name. */
export function serviceNameRule(kind: ServiceKind): NameRule {
  return SERVICE_NAME_RULES[kind]
}

/**
 * Why Azure would refuse a node's name, or undefined: apps, services and identities the design
 * names (a bound node's Azure name is the one in its resource id, whatever the design calls it).
 */
export function azureNameProblem(node: DesignNode): string | undefined {
  if (node.azure?.resourceId) return undefined
  const [label, rule] =
    node.kind === 'service'
      ? [SERVICES[node.service].label, SERVICE_NAME_RULES[node.service]]
      : node.kind === 'app'
        ? [HOSTING[node.hosting].label, HOSTING_NAME_RULES[node.hosting]]
        : [undefined, undefined]
  if (node.kind === 'identity')
    return isIdentityName(node.name) ? undefined : `Azure would refuse it: ${IDENTITY_NAME_RULE}.`
  return rule && !rule.pattern.test(node.name)
    ? `Azure would refuse it: ${label} names are ${rule.text}.`
    : undefined
}

/**
 * The resource type Azure would take a node for (kind and hosting or service). None for a
 * developer (Microsoft Entra lets two groups or users share a display name) or an AKS workload (a
 * Kubernetes service account, not an Azure resource).
 */
function resourceType(node: DesignNode): string | undefined {
  if (node.kind === 'service') return `service:${node.service}`
  if (node.kind === 'app') return node.hosting === 'aksWorkload' ? undefined : `app:${node.hosting}`
  return node.kind === 'identity' ? 'identity' : undefined
}

/** Two nodes that say where they are, in different resource groups or resources, are two. */
function apart(a: DesignNode, b: DesignNode): boolean {
  const differ = (x: string | undefined, y: string | undefined): boolean =>
    x !== undefined && y !== undefined && x.toLowerCase() !== y.toLowerCase()
  return (
    differ(a.azure?.resourceId, b.azure?.resourceId) ||
    differ(a.azure?.resourceGroup, b.azure?.resourceGroup)
  )
}

/**
 * Another node of the design that Azure would take for the same resource as `node` (the same
 * type and name, not placed apart), in words, or undefined: Azure has one resource where the
 * design draws two.
 */
export function sameResourceProblem(design: Design, node: DesignNode): string | undefined {
  const type = resourceType(node)
  if (type === undefined) return undefined
  // ARM compares names without case. The type first: the name of a bound node is parsed.
  const name = azureName(node).toLowerCase()
  const other = design.nodes.find(
    (n) =>
      n.id !== node.id &&
      resourceType(n) === type &&
      azureName(n).toLowerCase() === name &&
      !apart(n, node),
  )
  if (!other) return undefined
  const label =
    node.kind === 'service'
      ? SERVICES[node.service].label
      : node.kind === 'app'
        ? HOSTING[node.hosting].label
        : 'user-assigned identity'
  return `Another ${label} in this design has this name: to Azure, in one resource group, the two are one ${label}.`
}
