/** Where unbound nodes are looked up and unbound identities are created. */
export interface BindTarget {
  readonly subscriptionId: string
  readonly resourceGroup: string
  readonly location: string
}

export interface BindingProblem {
  readonly node: string
  readonly message: string
}
