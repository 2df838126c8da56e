// Roles of the services that grant access on their own side, not through Azure RBAC:
// - Azure Database for PostgreSQL flexible server: PostgreSQL's predefined roles (PostgreSQL 14+:
//   pg_read_all_data, pg_write_all_data) and azure_pg_admin, granted in the database to a
//   Microsoft Entra principal created with pgaadauth_create_principal (Learn: "Manage Microsoft
//   Entra roles in Azure Database for PostgreSQL").
// - Azure Database for MySQL flexible server: MySQL privileges granted on the server's databases
//   to a Microsoft Entra user created with CREATE AADUSER (Learn: "Set up Microsoft Entra
//   authentication for Azure Database for MySQL - Flexible Server").
// - Azure Cache for Redis: its built-in data access policies, assigned on the cache with
//   Microsoft.Cache/redis/accessPolicyAssignments (Learn: "Configure role-based access control
//   with Microsoft Entra ID for your cache"; azure-rest-api-specs redis 2024-11-01).
import type { RoleFact } from './role-fact.ts'

export const SERVICE_ROLE_FACTS: readonly RoleFact[] = [
  {name: 'pg_read_all_data', services: ['postgresql'], plane: 'data', grant: 'sqlDatabaseRole'},
  {name: 'pg_write_all_data', services: ['postgresql'], plane: 'data', grant: 'sqlDatabaseRole'},
  {name: 'azure_pg_admin', services: ['postgresql'], plane: 'data', grant: 'sqlDatabaseRole', privileged: true, subsumes: ['pg_read_all_data', 'pg_write_all_data']},
  {name: 'SELECT', services: ['mysql'], plane: 'data', grant: 'sqlDatabaseRole'},
  {name: 'INSERT', services: ['mysql'], plane: 'data', grant: 'sqlDatabaseRole'},
  {name: 'UPDATE', services: ['mysql'], plane: 'data', grant: 'sqlDatabaseRole'},
  {name: 'DELETE', services: ['mysql'], plane: 'data', grant: 'sqlDatabaseRole'},
  {name: 'ALL PRIVILEGES', services: ['mysql'], plane: 'data', grant: 'sqlDatabaseRole', privileged: true, subsumes: ['SELECT', 'INSERT', 'UPDATE', 'DELETE']},
  {name: 'Data Reader', services: ['redis'], plane: 'data', grant: 'redisAccessPolicy'},
  {name: 'Data Contributor', services: ['redis'], plane: 'data', grant: 'redisAccessPolicy', subsumes: ['Data Reader']},
  {name: 'Data Owner', services: ['redis'], plane: 'data', grant: 'redisAccessPolicy', privileged: true, subsumes: ['Data Contributor', 'Data Reader']},
]
