// The portal's own JSON endpoints for an upload: its status, a fresh look at 23 ("check"), and a
// renewed token. Same-origin requests with the session cookie and the page's CSRF token.

import { t } from "./messages.js";

export class PortalError extends Error {
  constructor(message, status) {
    super(message);
    this.name = "PortalError";
    this.status = status;
  }
}

export class PortalApi {
  // `base` is the portal's path prefix ("" at the root); `csrfToken` comes from the page.
  constructor(base, csrfToken) {
    this.base = base;
    this.csrfToken = csrfToken;
  }

  status(uploadId) {
    return this.request("GET", `/uploads/${uploadId}/status`);
  }

  // Asks 23 now which videos the token made, and records them; answers like `status`.
  check(uploadId) {
    return this.request("POST", `/uploads/${uploadId}/check`);
  }

  // A fresh token with the same details: {id, upload_token, valid_until, send_url}.
  renew(uploadId) {
    return this.request("POST", `/uploads/${uploadId}/renew`);
  }

  // A form post answered with JSON (e.g. the details form): `body` is URLSearchParams.
  post(path, body) {
    return this.request("POST", path, body);
  }

  async request(method, path, body) {
    // The answers' sentences in the page's language: a campaign's page may speak another than
    // the browser asks for. A language the visitor chose in the menu still wins on the server.
    const headers = { Accept: "application/json", "Accept-Language": document.documentElement.lang || "en" };
    if (method !== "GET") headers["X-CSRF-Token"] = this.csrfToken;
    let response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method,
        headers,
        body,
        credentials: "same-origin",
        cache: "no-store",
      });
    } catch {
      throw new PortalError(t("unreachable"), 0);
    }
    if (!response.ok) {
      // The portal explains its refusals as {"error": "…"}, written for the visitor.
      const explained = await response.json().then((body) => body?.error, () => null);
      throw new PortalError(explained || t("site-answered", { status: response.status }), response.status);
    }
    try {
      return await response.json();
    } catch {
      throw new PortalError(t("unreadable"), response.status);
    }
  }
}

// The CSRF token the server put in the page (a hidden form field or a meta tag).
export function pageCsrfToken(doc = document) {
  const meta = doc.querySelector('meta[name="csrf-token"]');
  if (meta) return meta.content;
  const field = doc.querySelector('input[name="csrf_token"]');
  return field ? field.value : "";
}
