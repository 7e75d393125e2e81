import { RegistryRejectedError, RegistryUnauthorizedError, RegistryUnavailableError, UnknownSchemaIdError } from './errors';
import { RegistryHttp, type RegistryHttpResponse } from './registry-http';

export interface RegisteredSchema {
  readonly id: number;
  readonly version: number;
  readonly schema: string;
}

export interface SchemaRegistryClientOptions {
  /** Base URL of the Confluent-compatible API, e.g. http://localhost:8081/apis/ccompat/v7 (Apicurio). */
  readonly url: string;
  readonly timeoutMs?: number;
  /** `Basic …` or `Bearer …` (from SCHEMA_REGISTRY_USERNAME/PASSWORD_FILE or TOKEN_FILE). */
  readonly authorization?: string;
  /** PEM CA bundle to trust for an https registry (SCHEMA_REGISTRY_CA_FILE); default: the system CAs. */
  readonly ca?: string;
}

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';
/** Confluent error codes the API returns with 404 when a subject, version or schema is absent. */
const NOT_FOUND_CODES = new Set([40401, 40402, 40403]);

/**
 * A client for the standard Confluent Schema Registry REST endpoints only, so it works with
 * Confluent, Karapace, Redpanda and Apicurio's ccompat API alike. Schemas by id never change, so
 * they are cached for the life of the process.
 */
export class SchemaRegistryClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly schemasById = new Map<number, Promise<string>>();
  private readonly http: RegistryHttp;
  private readonly authorization: string | undefined;

  constructor(options: SchemaRegistryClientOptions) {
    this.baseUrl = options.url.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.http = new RegistryHttp(this.baseUrl.startsWith('https:'), options.ca);
    this.authorization = options.authorization;
  }

  /** Closes idle keep-alive connections (tools that exit call it; services keep the client for life). */
  close(): void {
    this.http.close();
  }

  schemaById(id: number): Promise<string> {
    let cached = this.schemasById.get(id);
    if (!cached) {
      // The id comes from a record: any refusal but an authorisation one means the record names no usable schema.
      cached = this.request<{ schema: string }>('GET', `/schemas/ids/${id}`, undefined, 'dead-letter').then((body) => {
        if (body === undefined) throw new UnknownSchemaIdError(id);
        return body.schema;
      });
      cached.catch(() => this.schemasById.delete(id));
      this.schemasById.set(id, cached);
    }
    return cached;
  }

  async latest(subject: string): Promise<RegisteredSchema | undefined> {
    return this.request<RegisteredSchema>('GET', `/subjects/${encodeURIComponent(subject)}/versions/latest`);
  }

  /** The id under which exactly this schema is registered for the subject, if it is. */
  async lookup(subject: string, schema: string): Promise<RegisteredSchema | undefined> {
    return this.request<RegisteredSchema>('POST', `/subjects/${encodeURIComponent(subject)}`, { schema, schemaType: 'AVRO' });
  }

  async register(subject: string, schema: string): Promise<number> {
    const body = await this.request<{ id: number }>('POST', `/subjects/${encodeURIComponent(subject)}/versions`, {
      schema,
      schemaType: 'AVRO',
    });
    if (body === undefined) throw new RegistryRejectedError(404, `registry refused to register a schema for ${subject}`, 'halt');
    this.schemasById.set(body.id, Promise.resolve(schema));
    return body.id;
  }

  /** Sets the subject's compatibility level, so the registry itself also refuses incompatible versions. */
  async setCompatibility(subject: string, level: 'BACKWARD' | 'BACKWARD_TRANSITIVE' | 'FULL' | 'NONE'): Promise<void> {
    await this.request('PUT', `/config/${encodeURIComponent(subject)}`, { compatibility: level });
  }

  async subjects(): Promise<string[]> {
    return (await this.request<string[]>('GET', '/subjects')) ?? [];
  }

  /**
   * Returns undefined for the registry's "not found" answers; throws typed errors otherwise. A
   * refusal is the deployment's fault (halt) unless the request was about a record's own content.
   */
  private async request<T>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
    refusedIsFaultOf: 'dead-letter' | 'halt' = 'halt',
  ): Promise<T | undefined> {
    let response: RegistryHttpResponse;
    try {
      response = await this.http.request(`${this.baseUrl}${path}`, {
        method,
        headers: {
          accept: CONTENT_TYPE,
          ...(body === undefined ? {} : { 'content-type': CONTENT_TYPE }),
          ...(this.authorization ? { authorization: this.authorization } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        timeoutMs: this.timeoutMs,
      });
    } catch (cause) {
      // The cause says why (refused, timed out, certificate not trusted); it never holds credentials.
      const why = cause instanceof Error ? `: ${cause.message}` : '';
      throw new RegistryUnavailableError(`schema registry at ${this.baseUrl} is unreachable (${method} ${path})${why}`, cause);
    }
    const { text } = response;
    const parsed = parseJson(text);
    if (response.status >= 200 && response.status < 300) return parsed as T;
    const errorCode = (parsed as { error_code?: number } | undefined)?.error_code;
    if (response.status === 404 && (errorCode === undefined || NOT_FOUND_CODES.has(errorCode))) return undefined;
    if (response.status >= 500 || response.status === 429) {
      throw new RegistryUnavailableError(`schema registry answered ${response.status} to ${method} ${path}`);
    }
    const detail = (parsed as { message?: string } | undefined)?.message ?? text.slice(0, 300);
    const message = `schema registry rejected ${method} ${path} (${response.status}): ${detail}`;
    if (response.status === 401 || response.status === 403) throw new RegistryUnauthorizedError(response.status, message);
    throw new RegistryRejectedError(response.status, message, refusedIsFaultOf);
  }
}

/** Registries and proxies in front of them answer errors in HTML or plain text too. */
function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
