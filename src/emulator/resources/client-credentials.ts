import { createHash, createPublicKey, X509Certificate } from 'node:crypto';
import type { RequestContext, ResourceModule } from '../engine/context.ts';
import { badRequest } from '../http/api-error.ts';
import type { Json } from '../openapi/document.ts';

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/** The certificate in a PEM, when it holds one (a bare public key has none). */
function certificateOf(pem: string): X509Certificate | undefined {
  if (!pem.includes('BEGIN CERTIFICATE')) return undefined;
  try {
    return new X509Certificate(pem);
  } catch {
    throw badRequest('Invalid PEM: the certificate could not be parsed', 'invalid_body');
  }
}

/**
 * A client's credentials for private-key JWT and mTLS, as the recordings show them
 * (TestAccClientAuthenticationMethods*.yaml): the PEM is never read back; a public key gets a
 * `kid` (a thumbprint) and RS256 unless told, an x509 certificate a SHA-256 thumbprint, a
 * subject-DN credential the certificate's subject; certificates give `expires_at` when asked
 * (`parse_expiry_from_cert`, always for x509).
 */
function credentialFrom(context: RequestContext, body: Json, id: string): Json {
  const now = context.now().toISOString();
  const pem = typeof body.pem === 'string' ? body.pem : undefined;
  const certificate = pem ? certificateOf(pem) : undefined;
  if (pem && !certificate) {
    try {
      createPublicKey(pem);
    } catch {
      throw badRequest('Invalid PEM: the public key could not be parsed', 'invalid_body');
    }
  }
  const thumbprint = pem ? base64url(createHash('sha256').update(pem.trim()).digest()) : undefined;
  const expiry = certificate ? new Date(certificate.validTo).toISOString() : undefined;
  const base: Json = { id, credential_type: body.credential_type, name: body.name };
  switch (body.credential_type) {
    case 'public_key':
      if (!pem) throw badRequest('Payload validation error: pem is required for public_key', 'invalid_body');
      return {
        ...base,
        kid: body.kid ?? thumbprint,
        alg: body.alg ?? 'RS256',
        created_at: now,
        updated_at: now,
        ...((body.expires_at ?? (body.parse_expiry_from_cert ? expiry : undefined)) && {
          expires_at: body.expires_at ?? expiry,
        }),
      };
    case 'x509_cert':
      if (!certificate)
        throw badRequest('Payload validation error: an x509 certificate is required', 'invalid_body');
      return { ...base, thumbprint_sha256: thumbprint, created_at: now, updated_at: now, expires_at: expiry };
    default: {
      const subject = body.subject_dn ?? certificate?.subject;
      if (!subject)
        throw badRequest('Payload validation error: subject_dn or pem is required', 'invalid_body');
      return { ...base, subject_dn: subject, created_at: now, updated_at: now };
    }
  }
}

export const clientCredentials: ResourceModule = {
  collection: '/clients/{client_id}/credentials',
  newId: ({ ids }) => `cred_${ids.alphanumeric(22)}`,
  create: credentialFrom,
  update: (context, existing, body) => ({
    ...existing,
    ...body,
    updated_at: context.now().toISOString(),
  }),
};
