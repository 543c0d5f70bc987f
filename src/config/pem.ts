/**
 * Reading the TLS material a configuration points at: PEM certificates and
 * keys, PKCS#12 key stores. Used by the SSL file and validity rules.
 *
 * @remarks
 * Synchronous on purpose: validation runs in client constructors. Error
 * messages never include file contents or passwords.
 *
 * @packageDocumentation
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as tls from 'node:tls';

/** One `-----BEGIN X-----` … `-----END X-----` block. */
export interface PemBlock {
  label: string;
  der: Buffer;
  /** The block's text, armour included. */
  text: string;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/** Every PEM block in `text`. */
export function pemBlocks(text: string): PemBlock[] {
  const out: PemBlock[] = [];
  for (const m of text.matchAll(BLOCK)) {
    const body = m[2].replace(/^[A-Za-z-]+:.*$/gm, '').replace(/\s+/g, '');
    out.push({ label: m[1], der: Buffer.from(body, 'base64'), text: m[0] });
  }
  return out;
}

/** Result of reading a file: its text, or why it could not be read. */
export type FileRead = { ok: true; data: Buffer; isDirectory: false } | { ok: true; isDirectory: true } | { ok: false; reason: string };

/** Reads a file, telling "does not exist", "is not readable" and "is a directory" apart. */
export function readFileChecked(file: string): FileRead {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'is not accessible (permission denied)' : `cannot be read (${code ?? 'error'})` };
  }
  if (stat.isDirectory()) return { ok: true, isDirectory: true };
  try {
    return { ok: true, data: fs.readFileSync(file), isDirectory: false };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'EACCES' ? 'is not readable (permission denied)' : `cannot be read (${code ?? 'error'})` };
  }
}

/** Parses every CERTIFICATE block of PEM text; throws a short reason when there is none or one is corrupt. */
export function parseCertificates(text: string): crypto.X509Certificate[] {
  const blocks = pemBlocks(text).filter((b) => b.label === 'CERTIFICATE' || b.label === 'TRUSTED CERTIFICATE' || b.label === 'X509 CERTIFICATE');
  if (blocks.length === 0) throw new Error(pemBlocks(text).length > 0 ? 'contains no CERTIFICATE block' : 'is not PEM (no -----BEGIN CERTIFICATE----- block)');
  return blocks.map((b, i) => {
    try {
      return new crypto.X509Certificate(b.der);
    } catch {
      throw new Error(`certificate ${i + 1} of ${blocks.length} is corrupt`);
    }
  });
}

/** Why a private key could not be loaded, in words a user can act on. */
export type KeyProblem = 'not-pem' | 'no-key' | 'needs-password' | 'wrong-password' | 'corrupt';

/** Loads the first private key of PEM text with an optional passphrase. */
export function parsePrivateKey(text: string, passphrase?: string): { key: crypto.KeyObject } | { problem: KeyProblem } {
  const blocks = pemBlocks(text);
  if (blocks.length === 0) return { problem: 'not-pem' };
  const block = blocks.find((b) => /PRIVATE KEY$/.test(b.label));
  if (!block) return { problem: 'no-key' };
  const encrypted = block.label === 'ENCRYPTED PRIVATE KEY' || /Proc-Type:\s*4,ENCRYPTED/.test(block.text);
  if (encrypted && passphrase === undefined) return { problem: 'needs-password' };
  try {
    return { key: crypto.createPrivateKey({ key: block.text, format: 'pem', passphrase: encrypted ? passphrase : undefined }) };
  } catch {
    return { problem: encrypted ? 'wrong-password' : 'corrupt' };
  }
}

/** Why a PKCS#12 file could not be opened. */
export type Pkcs12Problem = 'not-pkcs12' | 'wrong-password' | 'unsupported' | 'corrupt';

/**
 * Opens a PKCS#12 key store with its password and returns the client
 * certificate when the runtime exposes it.
 */
export function openPkcs12(data: Buffer, password: string | undefined): { certificate?: crypto.X509Certificate } | { problem: Pkcs12Problem } {
  let context: tls.SecureContext;
  try {
    context = tls.createSecureContext({ pfx: data, passphrase: password ?? '' });
  } catch (e) {
    const m = String((e as Error).message ?? '').toLowerCase();
    if (m.includes('mac verify') || m.includes('bad decrypt') || m.includes('password')) return { problem: 'wrong-password' };
    if (m.includes('unsupported') || m.includes('algorithm')) return { problem: 'unsupported' };
    if (m.includes('wrong tag') || m.includes('asn1') || m.includes('header') || m.includes('not enough data')) return { problem: 'not-pkcs12' };
    return { problem: 'corrupt' };
  }
  // Node keeps the leaf certificate on the native context; not a public API, so tolerate its absence.
  const native = (context as unknown as { context?: { getCertificate?: () => Buffer | null } }).context;
  try {
    const der = native?.getCertificate?.();
    return der ? { certificate: new crypto.X509Certificate(der) } : {};
  } catch {
    return {};
  }
}

/** Where a certificate stands in time. */
export type Validity = { state: 'valid'; daysLeft: number } | { state: 'expired'; since: Date } | { state: 'not-yet-valid'; from: Date };

/** The validity of `cert` at `now`. */
export function certificateValidity(cert: crypto.X509Certificate, now: Date): Validity {
  const from = new Date(cert.validFrom);
  const to = new Date(cert.validTo);
  if (now.getTime() < from.getTime()) return { state: 'not-yet-valid', from };
  if (now.getTime() > to.getTime()) return { state: 'expired', since: to };
  return { state: 'valid', daysLeft: Math.floor((to.getTime() - now.getTime()) / 86_400_000) };
}

/** A short human name of a certificate: its subject CN (or whole subject). */
export function certificateName(cert: crypto.X509Certificate): string {
  const cn = /(?:^|\n)CN=([^\n]+)/.exec(cert.subject);
  return cn ? `CN=${cn[1]}` : cert.subject.replace(/\n/g, ', ');
}
