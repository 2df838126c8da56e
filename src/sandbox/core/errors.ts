import type { SandboxResponse } from './types.ts'

/** ARM's common error body: `{"error":{"code","message"}}`. */
export function armError(status: number, code: string, message: string): SandboxResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ error: { code, message } }),
  }
}

export const missingApiVersion = (): SandboxResponse =>
  armError(
    400,
    'MissingApiVersionParameter',
    'The api-version query parameter (?api-version=) is required for all requests.',
  )

export const invalidApiVersion = (value: string): SandboxResponse =>
  armError(
    400,
    'InvalidApiVersionParameter',
    `The api-version '${value}' is invalid. The supported versions are dates such as '2022-04-01'.`,
  )

export const subscriptionNotFound = (id: string): SandboxResponse =>
  armError(404, 'SubscriptionNotFound', `The subscription '${id}' could not be found.`)

export const resourceGroupNotFound = (name: string): SandboxResponse =>
  armError(404, 'ResourceGroupNotFound', `Resource group '${name}' could not be found.`)

export const resourceNotFound = (type: string, name: string, group: string): SandboxResponse =>
  armError(
    404,
    'ResourceNotFound',
    `The Resource '${type}/${name}' under resource group '${group}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
  )

export const parentResourceNotFound = (parent: string): SandboxResponse =>
  armError(
    404,
    'ParentResourceNotFound',
    `Can not perform requested operation on nested resource. Parent resource '${parent}' not found.`,
  )

export const invalidRequestContent = (detail: string): SandboxResponse =>
  armError(
    400,
    'InvalidRequestContent',
    `The request content was invalid and could not be deserialized: '${detail}'.`,
  )

export const locationRequired = (): SandboxResponse =>
  armError(400, 'LocationRequired', 'The location property is required for this definition.')

export const noRoute = (path: string): SandboxResponse =>
  armError(
    404,
    'InvalidResourceType',
    `The sandbox does not emulate the resource or collection at '${path}'.`,
  )

export const methodNotAllowed = (method: string): SandboxResponse =>
  armError(
    405,
    'MethodNotAllowed',
    `The requested resource does not support http method '${method}'.`,
  )

/** GUIDs in ARM's messages are written without dashes. */
export const compactGuid = (guid: string): string => guid.replace(/-/g, '').toLowerCase()
