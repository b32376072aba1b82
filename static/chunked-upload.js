// A large file sent as Resumable.js-style chunks to the same redeem endpoint (docs/23-api.md §7.1).
// Chunks already accepted are remembered, so a retry after a dropped connection sends only what
// is missing. Per chunk, 23 answers 200 (stored), 500 (give up: e.g. the type is refused) or
// anything else (send it again). The last chunk goes alone, after all others were accepted, so
// exactly one request completes the file and carries 23's final answer.

import { Cancelled, pause, plainAnswer } from "./shared.js";
import { postMultipart, TransportError } from "./xhr-post.js";
import { t } from "./messages.js";

// Every chunk but the last is exactly `chunkSize`; the last takes the remainder, so it is at least
// one and less than two chunk sizes: count = max(1, floor(total / chunkSize)).
export function chunkPlan(totalSize, chunkSize) {
  const count = Math.max(1, Math.floor(totalSize / chunkSize));
  const chunks = [];
  for (let number = 1; number <= count; number += 1) {
    const start = (number - 1) * chunkSize;
    const end = number === count ? totalSize : start + chunkSize;
    chunks.push({ number, start, end });
  }
  return chunks;
}

// 23 gave up on the whole file (HTTP 500); `message` is its answer, when it gave one.
export class ServiceRefusal extends Error {
  constructor(message) {
    super(message);
    this.name = "ServiceRefusal";
  }
}

const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 15000, 30000, 30000, 30000];

export class ChunkedUpload {
  // `identifier` and `accepted` continue a send a reload interrupted (static/sources/resume.js);
  // `onAccepted(number)` hears of each chunk 23 confirmed.
  constructor({ url, file, chunkSize, parallel = 3, onProgress, onRetry, onAccepted, identifier, accepted }) {
    this.url = url;
    this.file = file;
    this.chunkSize = chunkSize;
    this.parallel = parallel;
    this.onProgress = onProgress;
    this.onRetry = onRetry;
    this.plan = chunkPlan(file.size, chunkSize);
    this.accepted = new Set(accepted || []);
    this.onAccepted = onAccepted;
    this.inFlight = new Map(); // chunk number -> bytes of it sent so far
    // Kept across retries: 23 files chunks under (token, identifier), so this is what resumes.
    this.identifier = identifier ||
      `${file.size}-${file.name.replace(/[^0-9A-Za-z_-]/g, "")}-${randomSuffix()}`;
  }

  // Sends what is missing; resolves with the final chunk's outcome (see postMultipart).
  async run(uploadToken, signal) {
    this.inFlight.clear();
    const last = this.plan[this.plan.length - 1];
    const pending = this.plan.filter((c) => c !== last && !this.accepted.has(c.number));
    // One chunk failing for good stops the others at once rather than after their own retries.
    const together = new AbortController();
    const stopAll = () => together.abort();
    signal?.addEventListener("abort", stopAll, { once: true });
    try {
      const workers = [];
      for (let i = 0; i < Math.min(this.parallel, pending.length); i += 1) {
        workers.push(this.worker(pending, uploadToken, together.signal));
      }
      await Promise.all(workers.map((w) => w.catch((error) => {
        stopAll();
        throw error;
      })));
      return await this.sendWithRetries(last, uploadToken, together.signal, true);
    } catch (error) {
      stopAll();
      throw signal?.aborted ? new Cancelled() : error;
    } finally {
      signal?.removeEventListener("abort", stopAll);
    }
  }

  async worker(queue, uploadToken, signal) {
    while (queue.length > 0) {
      const chunk = queue.shift();
      await this.sendWithRetries(chunk, uploadToken, signal);
    }
  }

  // Resolves with the chunk's outcome; for the last chunk a failed connection resolves with
  // {answered: false, uncertain: true} instead of retrying, because its request may have
  // completed the file (the caller asks 23 before sending it again).
  async sendWithRetries(chunk, uploadToken, signal, isLast = false) {
    for (let attempt = 0; ; attempt += 1) {
      let outcome;
      try {
        outcome = await this.send(chunk, uploadToken, signal);
      } catch (error) {
        if (!(error instanceof TransportError)) throw error; // Cancelled, or a bug
        if (isLast) return { answered: false, uncertain: true, error };
        outcome = null;
      }
      if (outcome && !outcome.answered) return outcome; // sent whole; the answer is hidden
      if (outcome && outcome.status === 500) throw new ServiceRefusal(plainAnswer(outcome));
      if (outcome && outcome.status >= 200 && outcome.status < 300) {
        this.accepted.add(chunk.number);
        this.inFlight.delete(chunk.number);
        this.reportProgress();
        if (!isLast) this.onAccepted?.(chunk.number);
        return outcome;
      }
      this.inFlight.delete(chunk.number);
      this.reportProgress();
      if (attempt >= RETRY_DELAYS_MS.length) {
        throw new TransportError("interrupted", t("kept-failing"));
      }
      this.onRetry?.(chunk.number, RETRY_DELAYS_MS[attempt]);
      await pause(RETRY_DELAYS_MS[attempt], signal);
      await whenOnline(signal);
    }
  }

  send(chunk, uploadToken, signal) {
    const blob = this.file.slice(chunk.start, chunk.end, this.file.type);
    const fields = {
      upload_token: uploadToken,
      resumableChunkNumber: chunk.number,
      resumableChunkSize: this.chunkSize,
      resumableCurrentChunkSize: chunk.end - chunk.start,
      resumableTotalSize: this.file.size,
      resumableType: this.file.type,
      resumableIdentifier: this.identifier,
      resumableFilename: this.file.name,
      resumableRelativePath: this.file.name,
      resumableTotalChunks: this.plan.length,
    };
    return postMultipart(this.url, fields, blob, {
      fileName: this.file.name,
      signal,
      onProgress: (loaded) => {
        this.inFlight.set(chunk.number, loaded);
        this.reportProgress();
      },
    });
  }

  // What 23 confirmed: all a pause or a reload keeps.
  bytesConfirmed() {
    let sent = 0;
    for (const chunk of this.plan) {
      if (this.accepted.has(chunk.number)) sent += chunk.end - chunk.start;
    }
    return sent;
  }

  bytesSent() {
    let sent = this.bytesConfirmed();
    for (const [number, loaded] of this.inFlight) {
      const chunk = this.plan[number - 1];
      sent += Math.min(loaded, chunk.end - chunk.start);
    }
    return sent;
  }

  reportProgress() {
    this.onProgress?.(this.bytesSent(), this.file.size);
  }
}

function randomSuffix() {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

// Retrying while the device says it is offline only burns the retry budget; wait for the network.
function whenOnline(signal) {
  if (navigator.onLine) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onOnline = () => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    };
    const onAbort = () => {
      window.removeEventListener("online", onOnline);
      reject(new Cancelled());
    };
    window.addEventListener("online", onOnline, { once: true });
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
