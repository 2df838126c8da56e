import { v4 as uuidv4, v5 as uuidv5 } from 'uuid'

/**
 * mulberry32: a tiny PRNG whose whole state is one uint32, so it fits in the JSON snapshot and a
 * restored sandbox continues the same sequence.
 */
export function nextUint32(stream: { value: number }): number {
  let t = (stream.value = (stream.value + 0x6d2b79f5) >>> 0)
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return (t ^ (t >>> 14)) >>> 0
}

/** A float in [0, 1). */
export function nextFloat(stream: { value: number }): number {
  return nextUint32(stream) / 0x1_0000_0000
}

/** A version-4 GUID whose random bits come from the stream. */
export function nextGuid(stream: { value: number }): string {
  const random = new Uint8Array(16)
  for (let i = 0; i < 16; i += 4) {
    const n = nextUint32(stream)
    random[i] = n & 0xff
    random[i + 1] = (n >>> 8) & 0xff
    random[i + 2] = (n >>> 16) & 0xff
    random[i + 3] = (n >>> 24) & 0xff
  }
  return uuidv4({ random })
}

/**
 * The starting state of one request's own fault stream: the seed's fault stream, the request's
 * key and how many times that key was asked before, mixed (FNV-1a over the key, then a
 * mulberry32 step). Distinct keys and attempts get unrelated streams.
 */
export function requestStream(faults: number, key: string, attempt: number): number {
  let h = 0x811c9dc5 ^ faults
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193)
  const stream = { value: (h ^ Math.imul(attempt, 0x9e3779b9)) >>> 0 }
  nextUint32(stream)
  return stream.value
}

/** Starting states of the two streams for a seed (distinct, so they never run in lockstep). */
export function initialStreams(seed: number): { ids: number; faults: number } {
  const s = seed >>> 0
  return { ids: s, faults: (s ^ 0x9e3779b9) >>> 0 }
}

const REQUEST_ID_NAMESPACE = 'b1f0c6d2-6a3e-4f8e-9c1d-2e7a5b4c3d10'

/** Request ids come from a counter, not the PRNG, so they never disturb generated ids. */
export function requestId(counter: number): string {
  return uuidv5(`request-${counter}`, REQUEST_ID_NAMESPACE)
}
