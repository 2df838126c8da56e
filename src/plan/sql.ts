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

export function containedUserScript(
  user: string,
  roles: readonly string[],
  principal: { readonly isUser?: boolean; readonly objectId?: string | undefined } = {},
): string {
  // No name in a comment: a line break in it would end the comment. An object id is a GUID.
  const objectId =
    principal.objectId && GUID_PATTERN.test(principal.objectId)
      ? principal.objectId
      : OBJECT_ID_PLACEHOLDER
  const lines = [
    ...(principal.isUser
      ? [
          '-- A Microsoft Entra user is named by their sign-in name (user principal name, such as',
          '-- name@contoso.com): put it in place of the name below if that is not it.',
        ]
      : [
          '-- If CREATE USER fails with Msg 33131 (another principal has this name),',
          `-- add WITH OBJECT_ID = '${objectId}' to it and a suffix to the name.`,
        ]),
    `IF DATABASE_PRINCIPAL_ID(${tsqlString(user)}) IS NULL`,
    `    CREATE USER ${tsqlIdentifier(user)} FROM EXTERNAL PROVIDER;`,
    ...roles.map(
      (role) => `ALTER ROLE ${tsqlIdentifier(role)} ADD MEMBER ${tsqlIdentifier(user)};`,
    ),
  ]
  return `${lines.join('\n')}\n`
}
