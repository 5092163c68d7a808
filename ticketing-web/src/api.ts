/**
 * The desk's GraphQL API as the components use it: same-origin requests carrying the session
 * cookie, the CSRF token read from the XSRF-TOKEN cookie sent back in X-XSRF-TOKEN, and the
 * pre-signed attachment upload (PUT straight to the object store, with progress).
 */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface UploadTicket {
  uploadUrl: string;
  key: string;
  requiredHeaders: { name: string; value: string }[];
}

function cookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

export class TicketingClient {
  constructor(readonly endpoint: string = '/graphql') {}

  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      Accept: 'application/graphql-response+json, application/json',
    };
    const xsrf = cookie('XSRF-TOKEN');
    if (xsrf) headers['X-XSRF-TOKEN'] = xsrf;
    const response = await fetch(this.endpoint, {
      method: 'POST',
      credentials: 'same-origin',
      headers,
      body: JSON.stringify({ query, variables }),
    });
    let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] } | undefined;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    const first = body?.errors?.[0];
    if (first) throw new ApiError(first.message, first.extensions?.code, response.status);
    if (!response.ok || !body?.data) {
      throw new ApiError(`HTTP ${response.status}`, undefined, response.status);
    }
    return body.data;
  }

  /** Sends a file to a pre-signed URL with exactly the signed headers, reporting progress 0..1. */
  upload(target: UploadTicket, file: Blob, onProgress: (fraction: number) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('PUT', target.uploadUrl);
      for (const h of target.requiredHeaders) {
        // The browser sets Content-Length itself, from the body, and refuses to be told.
        if (h.name.toLowerCase() !== 'content-length') xhr.setRequestHeader(h.name, h.value);
      }
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onProgress(e.loaded / e.total);
      };
      xhr.onload = () =>
        xhr.status >= 200 && xhr.status < 300
          ? (onProgress(1), resolve())
          : reject(new ApiError(`upload failed: HTTP ${xhr.status}`, 'UPLOAD_FAILED', xhr.status));
      xhr.onerror = () => reject(new ApiError('upload failed', 'UPLOAD_FAILED', 0));
      xhr.send(file);
    });
  }

  /** The three steps of an attachment: URL, upload, confirmation (on a comment when given). */
  async attach(
    ticketId: string,
    file: File,
    commentId: string | null,
    onProgress: (fraction: number) => void,
  ): Promise<void> {
    const contentType = file.type || 'application/octet-stream';
    const { generateTicketAttachmentUploadUrl: target } = await this.request<{
      generateTicketAttachmentUploadUrl: UploadTicket;
    }>(
      `mutation Upload($input: GenerateAttachmentUploadUrlInput!) {
        generateTicketAttachmentUploadUrl(generateAttachmentUploadUrlInput: $input) {
          uploadUrl key requiredHeaders { name value } } }`,
      { input: { ticketId, fileName: file.name, contentType, fileSize: file.size } },
    );
    await this.upload(target, file, onProgress);
    await this.request(
      `mutation Confirm($input: CreateTicketAttachmentInput!) {
        createTicketAttachment(createTicketAttachmentInput: $input) { id } }`,
      { input: { ticketId, key: target.key, commentId } },
    );
  }
}

const clients = new Map<string, TicketingClient>();

/** One client per endpoint, shared by the components of a page. */
export function clientFor(endpoint: string): TicketingClient {
  let client = clients.get(endpoint);
  if (!client) {
    client = new TicketingClient(endpoint);
    clients.set(endpoint, client);
  }
  return client;
}

export interface Viewer {
  id: string;
  name: string;
  staff: boolean;
  companyId: string | null;
}

export interface Person {
  id: string;
  firstName: string | null;
  lastName: string | null;
}

export function fullName(p: Person | null | undefined): string {
  if (!p) return '';
  return [p.firstName, p.lastName].filter(Boolean).join(' ') || p.id;
}

const viewers = new Map<string, Promise<Viewer>>();

/** Who is signed in (the desk's deskViewer query), asked once per endpoint. */
export function viewerFor(client: TicketingClient): Promise<Viewer> {
  let viewer = viewers.get(client.endpoint);
  if (!viewer) {
    viewer = client
      .request<{ deskViewer: Viewer }>('{ deskViewer { id name staff companyId } }')
      .then((d) => d.deskViewer);
    viewer.catch(() => viewers.delete(client.endpoint));
    viewers.set(client.endpoint, viewer);
  }
  return viewer;
}
