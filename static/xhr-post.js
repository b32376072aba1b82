// One multipart POST with upload progress, reporting what the browser let us learn about it.
//
// Listening to upload progress makes even a "simple" cross-origin POST send a CORS preflight
// first. So when the video service refuses cross-origin uploads, the request fails before a
// single byte of the file leaves: that is how a refusal is told apart from a dropped connection
// (which fails part-way) and from an answer we may not read (which fails after everything was sent,
// typically while following 23's redirect back to this site).

export class TransportError extends Error {
  // kind: "refused" (nothing sent: CORS refused or service unreachable), "interrupted" (the
  // connection failed or stalled part-way), "aborted" (cancelled by the visitor).
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
        finish(reject, new TransportError("interrupted", "The connection stalled."));
      }, STALL_MS);
    };
    const onAbort = () => {
      xhr.abort();
      finish(reject, new TransportError("aborted", "Cancelled."));
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
      } else if (!anyProgress) {
        finish(reject, new TransportError("refused", "The video service did not accept a direct upload."));
      } else {
        finish(reject, new TransportError("interrupted", "The connection was lost."));
      }
    });

    if (signal?.aborted) {
      finish(reject, new TransportError("aborted", "Cancelled."));
      return;
    }
    signal?.addEventListener("abort", onAbort);
    xhr.open("POST", url);
    xhr.send(body);
    watchForStall();
  });
}
