import { tsqlIdentifier, tsqlString } from '../lib/encode/tsql.ts'

/**
 * The script that gives a Microsoft Entra principal access to one database: a contained user
 * created from the external provider (skipped when it exists, so the script can be re-run),
 * then one ALTER ROLE per database role. Run it in the database as its Entra administrator.
 * Entra finds a group or a managed identity by its display name, a user only by its user
 * principal name (Microsoft Learn, "Create contained users mapped to Microsoft Entra
 * identities"): for a user, the script says so first.
 */
export function containedUserScript(
  user: string,
  roles: readonly string[],
  isUser = false,
): string {
  const lines = [
    ...(isUser
      ? [
          // No name in a comment: a line break in it would end the comment.
          '-- A Microsoft Entra user is named by their sign-in name (user principal name, such as',
          '-- name@contoso.com): put it in place of the name below if that is not it.',
        ]
      : []),
    `IF DATABASE_PRINCIPAL_ID(${tsqlString(user)}) IS NULL`,
    `    CREATE USER ${tsqlIdentifier(user)} FROM EXTERNAL PROVIDER;`,
    ...roles.map(
      (role) => `ALTER ROLE ${tsqlIdentifier(role)} ADD MEMBER ${tsqlIdentifier(user)};`,
    ),
  ]
  return `${lines.join('\n')}\n`
}
