/**
 * The formats of the values in a node's `azure` binding (PRODUCT.md §4), checked where a design
 * enters (load, share link, edits): whatever a file says ends up in ARM request paths, generated
 * scripts and templates, so a value that is not what Azure itself accepts is refused up front.
 */

/** A GUID in its 8-4-4-4-12 form, any case: subscription, principal, client and role ids. */
export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * ARM's rule for resource group names: 1–90 characters of letters and digits (as .NET's
 * `Char.IsLetterOrDigit`: Unicode letters Lu/Ll/Lt/Lm/Lo and decimal digits Nd), `_ ( ) - .`,
 * not ending with a period. Sources: the REST specs' common `ResourceGroupNameParameter`
 * (`^[-\w\._\(\)]+$`, 1–90) and learn.microsoft.com "Naming rules and restrictions for Azure
 * resources" (Microsoft.Resources/resourcegroups: "Can't end with period").
 */
const RESOURCE_GROUP_CHARS = /^[-\p{Lu}\p{Ll}\p{Lt}\p{Lm}\p{Lo}\p{Nd}_.()]+$/u
export const RESOURCE_GROUP_MAX = 90

export function resourceGroupNameProblem(name: string): string | undefined {
  if (name.length < 1 || name.length > RESOURCE_GROUP_MAX)
    return `must be 1–${RESOURCE_GROUP_MAX} characters`
  if (!RESOURCE_GROUP_CHARS.test(name)) return 'may only hold letters, digits, _ ( ) - and .'
  if (name.endsWith('.')) return 'cannot end with a period'
  return undefined
}

/**
 * An Azure region's programmatic name, as `az account list-locations` prints in `name` and ARM
 * returns in `location`: lower-case letters and digits (`westeurope`, `eastus2`, `usgovvirginia`).
 * A pattern, not a list: regions are added every year and the list a subscription may use differs
 * per subscription; ARM itself answers an unknown region with `LocationNotAvailableForResourceType`.
 */
const LOCATION = /^[a-z][a-z0-9]{1,39}$/

export function locationProblem(location: string): string | undefined {
  return LOCATION.test(location)
    ? undefined
    : 'expected an Azure region name in lower-case letters and digits, such as westeurope'
}

/**
 * Azure's rule for a user-assigned identity's name: 3–128 characters, ASCII letters, digits,
 * hyphens and underscores, starting with a letter or digit (learn.microsoft.com "Naming rules
 * and restrictions for Azure resources", Microsoft.ManagedIdentity; MicrosoftDocs/azure-docs#26895).
 */
const IDENTITY_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{2,127}$/

export const IDENTITY_NAME_RULE =
  'a user-assigned identity’s name is 3–128 letters, digits, hyphens and underscores, starting with a letter or digit'

export function isIdentityName(name: string): boolean {
  return IDENTITY_NAME.test(name)
}
