// One multipart POST with upload progress, reporting what the browser let us learn about it.
//
// Listening to upload progress makes even a "simple" cross-origin POST send a CORS preflight
// first, so `probeDirectUploads` (below) tells in advance whether the video service allows it.
// After that, a failure says little: the browser hides 23's redirect back to this site (it may
// not follow it cross-origin), so an upload that arrived and one that was cut off can look the
// same. Callers therefore ask this site what 23 received before sending anything again.

import { Cancelled } from "./shared.js";
import { t } from "./messages.js";

export class TransportError extends Error {
  // kind: "interrupted" (failed or stalled part-way), "unknown" (failed with no progress seen:
  // nothing sent, or sent too fast to report). A cancel is `Cancelled`, not a transport error.
  constructor(kind, message) {
    super(message);
    this.name = "TransportError";
    this.kind = kind;
  }
}

// With no progress at all for this long, the connection is treated as dropped and retried.
const STALL_MS = 60_000;

// Resolves with {answered: true, status, text, url} when the answer is readable, or with
// {answered: false} when everything was sent but the answer is hidden from us.
export function postMultipart(url, fields, file, { fileName, onProgress, signal } = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.append(name, String(value));
    body.append("file", file, fileName || file.name);

    let bodySent = false;
    let anyProgress = false;
    let stallTimer = null;
    let settled = false;

    const finish = (fn, value) => {
      if (settled) return;
      settled = true;
      clearTimeout(stallTimer);
      signal?.removeEventListener("abort", onAbort);
      fn(value);
    };
    const watchForStall = () => {
      clearTimeout(stallTimer);
      if (bodySent) return; // the service may take a while to answer a big file; that is fine
      stallTimer = setTimeout(() => {
        xhr.abort();
        finish(reject, new TransportError("interrupted", t("stalled")));
      }, STALL_MS);
    };
    const onAbort = () => {
      xhr.abort();
      finish(reject, new Cancelled());
    };

    xhr.upload.addEventListener("progress", (event) => {
      if (event.loaded > 0) anyProgress = true;
      // Chrome may skip the upload's "load" event when the answer is a redirect it then
      // refuses to follow; a progress event that reached the total says the same.
      if (event.lengthComputable && event.total > 0 && event.loaded >= event.total) bodySent = true;
      watchForStall();
      onProgress?.(event.loaded, event.lengthComputable ? event.total : file.size);
    });
    xhr.upload.addEventListener("load", () => {
      bodySent = true;
      clearTimeout(stallTimer);
      onProgress?.(file.size, file.size);
    });
    xhr.addEventListener("load", () => {
      finish(resolve, {
        answered: true,
        status: xhr.status,
        text: xhr.responseText,
        url: xhr.responseURL,
        contentType: xhr.getResponseHeader("Content-Type") || "",
      });
    });
    xhr.addEventListener("error", () => {
      if (bodySent) {
        finish(resolve, { answered: false });
      } else {
        const kind = anyProgress ? "interrupted" : "unknown";
        finish(reject, new TransportError(kind, t("connection-failed")));
      }
    });

    if (signal?.aborted) {
      finish(reject, new Cancelled());
      return;
    }
    signal?.addEventListener("abort", onAbort);
    xhr.open("POST", url);
    xhr.send(body);
    watchForStall();
  });
}

// Whether this browser may upload to `url` with progress, i.e. whether the video service answers
// the CORS preflight that upload progress requires and lets us read its answer. Asked once with
// an empty form: no token, so 23 only answers with its plain "invalid token" text and nothing is
// recorded anywhere. A failed upload cannot answer this: Chrome reports no progress for a fast
// upload whose answer it then may not read, which looks just like a refusal.
export function probeDirectUploads(url, timeoutMs = 15000) {
  if (new URL(url, location.href).origin === location.origin) return Promise.resolve(true);
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.upload.addEventListener("progress", () => {}); // makes the browser send the preflight
    xhr.addEventListener("load", () => resolve(true));
    xhr.addEventListener("error", () => resolve(false));
    xhr.addEventListener("timeout", () => resolve(false));
    xhr.timeout = timeoutMs;
    xhr.open("POST", url);
    xhr.send(new FormData());
  });
}
