import selfsigned from 'selfsigned'

export interface SandboxCertificate {
  readonly key: string
  readonly cert: string
}

const DAY = 24 * 60 * 60 * 1000

/**
 * A fresh self-signed certificate for 127.0.0.1 and localhost, made at every start (EC P-256 takes
 * milliseconds). Clients trust it by pinning this PEM, never by turning TLS checks off.
 */
export async function makeCertificate(now: number = Date.now()): Promise<SandboxCertificate> {
  const pems = await selfsigned.generate(
    [{ name: 'commonName', value: 'ARM sandbox (127.0.0.1)' }],
    {
      keyType: 'ec',
      algorithm: 'sha256',
      notBeforeDate: new Date(now - DAY),
      notAfterDate: new Date(now + 30 * DAY),
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 7, ip: '127.0.0.1' },
            { type: 2, value: 'localhost' },
          ],
        },
      ],
    },
  )
  return { key: pems.private, cert: pems.cert }
}
