/**
 * Does this host name only this machine? `localhost`, 127.0.0.0/8 and ::1 (bracketed or not, as
 * URL.hostname gives it). The sandbox server listens without an admin token only there, and a
 * run against such an ARM endpoint is a run against a local sandbox, not Azure.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase()
  if (bare === 'localhost') return true
  if (bare === '::1' || bare === '0:0:0:0:0:0:0:1') return true
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(bare)
  return octets !== null && octets.slice(1).every((o) => Number(o) <= 255)
}
