/**
 * Helpers for registry-server tests: an in-memory server on a free port and a
 * small HTTP client that returns status, parsed body and headers.
 */
import { startRegistryServer, type RegistryServer, type RegistryServerOptions } from '../../../src/registry-server';

/** What a request gave back. */
export interface Reply {
  status: number;
  body: unknown;
  text: string;
  headers: Headers;
}

/** Send `method path` with an optional JSON body (objects are serialized, strings sent as is). */
export async function call(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(base + path, {
    method,
    headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed, text, headers: res.headers };
}

/** An in-memory registry on 127.0.0.1:<free port>. */
export async function memoryServer(options: RegistryServerOptions = {}): Promise<RegistryServer & { call: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Reply> }> {
  const server = await startRegistryServer({ port: 0, ...options });
  return Object.assign(server, { call: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => call(server.url, method, path, body, headers) });
}

/** An Avro record schema `name` with the given fields (`[name, type]` or field objects). */
export function record(name: string, fields: (readonly [string, unknown] | Record<string, unknown>)[], namespace = 'com.example'): Record<string, unknown> {
  return {
    type: 'record',
    name,
    namespace,
    fields: fields.map((f) => (Array.isArray(f) ? { name: f[0], type: f[1] } : f)),
  };
}

/** `{schema: JSON text}` request body for a schema value. */
export function body(schema: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { schema: typeof schema === 'string' ? schema : JSON.stringify(schema), ...extra };
}
