import { tsqlIdentifier, tsqlString } from '../lib/encode/tsql.ts'
import { GUID_PATTERN } from '../model/azure-formats.ts'

/**
 * The script that gives a Microsoft Entra principal access to one database: a contained user
 * created from the external provider (skipped when it exists, so the script can be re-run),
 * then one ALTER ROLE per database role. Run it in the database as its Entra administrator.
 * Entra finds a group or a managed identity by its display name, a user only by its user
 * principal name (Microsoft Learn, "Create contained users mapped to Microsoft Entra
 * identities"): for a user, the script says so first. Display names of managed identities and
 * groups need not be unique (two user-assigned identities of one name in a development and a
 * production group of one tenant), and CREATE USER then fails with Msg 33131; Learn's repair,
 * for that case only, is WITH OBJECT_ID and a suffixed name ("Microsoft Entra logins and users
 * with nonunique display names", preview): a comment offers it, should that happen, with the
 * object id when known. (Its first line once read as if the error had happened.)
 */
/** Where a contained-user script names the object id it did not know (see containedUserScript). */
const OBJECT_ID_PLACEHOLDER = '<its object id>'

/**
 * A contained-user script with the object id apply learnt (an identity found or created, a
 * system-assigned identity switched on) where the plan had none: the script as it was otherwise.
 */
export function withObjectId(script: string, objectId: string | undefined): string {
  return objectId && GUID_PATTERN.test(objectId)
    ? script.replace(`'${OBJECT_ID_PLACEHOLDER}'`, `'${objectId}'`)
    : script
}

/** What a script for a Microsoft Entra user says first (see containedUserScript). */
const USER_NOTE =
  '-- A Microsoft Entra user is named by their sign-in name (user principal name, such as\n' +
  '-- name@contoso.com): put it in place of the name below if that is not it.\n'

/** What a script for a group or managed identity says first, with its object id if known. */
const duplicateNameNote = (objectId: string): string =>
  '-- If CREATE USER fails with Msg 33131 (another principal has this name),\n' +
  `-- add WITH OBJECT_ID = '${objectId}' to it and a suffix to the name.\n`

/** duplicateNameNote before the object id is known: one string for the thousands of scripts. */
const UNKNOWN_ID_NOTE = duplicateNameNote(OBJECT_ID_PLACEHOLDER)

export function containedUserScript(
  user: string,
  roles: readonly string[],
  principal: { readonly isUser?: boolean; readonly objectId?: string | undefined } = {},
): string {
  // No name in a comment: a line break in it would end the comment. An object id is a GUID.
  const note = principal.isUser
    ? USER_NOTE
    : principal.objectId && GUID_PATTERN.test(principal.objectId)
      ? duplicateNameNote(principal.objectId)
      : UNKNOWN_ID_NOTE
  // One string, added to: a plan writes thousands of scripts, and lists of lines to join were
  // most of what it allocated for them.
  const member = tsqlIdentifier(user)
  let script = `${note}IF DATABASE_PRINCIPAL_ID(${tsqlString(user)}) IS NULL\n    CREATE USER ${member} FROM EXTERNAL PROVIDER;\n`
  for (let i = 0; i < roles.length; i++)
    script += `ALTER ROLE ${tsqlIdentifier(roles[i] as string)} ADD MEMBER ${member};\n`
  return script
}
