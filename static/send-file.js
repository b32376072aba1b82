// Sends one file and finds out what became of it. Where the video service allows it (see
// `probeDirectUploads`) the browser uploads with progress: one request, or chunks for big files.
// Otherwise an ordinary form post goes through a hidden frame. Either way this site is then asked
// to check with 23, because the browser is rarely allowed to read 23's own answer, and nothing is
// sent twice before 23 was asked whether the first try arrived.

import { ChunkedUpload, ServiceRefusal } from "./chunked-upload.js";
import { postThroughFrame } from "./frame-post.js";
import { SpeedMeter } from "./format.js";
import { pause, plainAnswer } from "./shared.js";
import { inVisitorWords } from "./service-errors.js";
import { postMultipart, TransportError } from "./xhr-post.js";
import { t } from "./messages.js";
import * as resume from "./sources/resume.js";

// 23 caps uploads sent in one piece at 4 GB (docs/23-api.md §6.10).
export const WHOLE_FILE_LIMIT = 4 * 1024 ** 3;
// Pauses before sending again a file whose try did not arrive.
const RESEND_DELAYS_MS = [2000, 6000];
const CONFIRM_DELAYS_MS = [0, 1000, 2000, 4000];
const CUT_OFF_CONFIRM_DELAYS_MS = [0, 1500];
const FRAME_WATCH_MS = 10000;

// `state` is the row's end state: "failed" (worth trying again), "refused" (pointless to
// retry), "unconfirmed" (sent, but 23 has not listed it yet).
export class UploadFailure extends Error {
  constructor(message, state = "failed") {
    super(message);
    this.name = "UploadFailure";
    this.state = state;
  }
}

export class FileSender {
  // page: {action, directUploads(), settings(), uploadToken(), uploadId(), api, claim(), remainingFromServer()}
  constructor(page, row) {
    this.page = page;
    this.row = row;
    this.file = row.file;
    this.chunked = null;
    this.meter = new SpeedMeter();
  }

  // Sends the file (again, if a try was lost) until 23 lists it; resolves with its status entry.
  async deliver(before, signal) {
    for (let attempt = 0; ; attempt += 1) {
      const outcome = await this.send(before, signal);
      this.row.setState("confirming", t("sent-checking"));
      const video = await this.confirm(before, outcome);
      if (video) {
        this.forget();
        return video;
      }
      if (!outcome.uncertain) {
        throw new UploadFailure(t("not-confirmed", { name: this.file.name }), "unconfirmed");
      }
      if (attempt >= RESEND_DELAYS_MS.length) throw this.connectionFailure(outcome.error);
      this.row.setState("uploading", t("dropped-resending"));
      await pause(RESEND_DELAYS_MS[attempt], signal);
    }
  }

  async send(before, signal) {
    const { chunkThreshold, chunkSize } = this.page.settings();
    if (await this.page.directUploads()) {
      const useChunks = this.file.size >= chunkThreshold;
      this.row.setTransport(useChunks ? "chunks" : "xhr");
      try {
        return useChunks
          ? await this.sendChunks(chunkSize, signal)
          : await this.sendWhole(signal);
      } catch (error) {
        throw translate(error, this.chunked !== null);
      }
    }
    if (this.file.size > WHOLE_FILE_LIMIT) {
      throw new UploadFailure(t("too-big-whole", { name: this.file.name }), "refused");
    }
    this.row.setTransport("form");
    this.row.setIndeterminate();
    this.row.statusElement.textContent = t("no-progress");
    // The frame's load event is the usual sign that the post ended; in case a browser never
    // fires it, this site is also asked now and then whether 23 has the video.
    const stopWatching = new AbortController();
    try {
      await Promise.race([
        postThroughFrame(this.page.action, { upload_token: this.page.uploadToken() }, this.file, { signal }),
        this.watchForVideo(before, stopWatching.signal),
      ]);
    } finally {
      stopWatching.abort();
    }
    return { answered: false };
  }

  // Resolves once this site lists a video that was not there before (never, if none comes).
  async watchForVideo(before, signal) {
    for (;;) {
      await pause(FRAME_WATCH_MS, signal);
      const status = await this.page.api.status(this.page.uploadId()).catch(() => null);
      if ((status?.videos || []).some((v) => !before.has(v.photo_id))) return;
    }
  }

  async sendWhole(signal) {
    this.meter.reset();
    try {
      return await postMultipart(this.page.action, { upload_token: this.page.uploadToken() }, this.file, {
        signal,
        onProgress: (loaded, total) => this.progress(loaded, total),
      });
    } catch (error) {
      if (!(error instanceof TransportError)) throw error; // Cancelled, or a bug
      return { answered: false, uncertain: true, error };
    }
  }

  async sendChunks(chunkSize, signal) {
    // Kept between tries of the same row, so "Try again" and "Resume" go on where the last try
    // stopped; after a reload the page's record of confirmed chunks does the same.
    if (!this.chunked || this.chunked.chunkSize !== chunkSize) {
      this.chunked = await this.resumedOrNew(chunkSize);
    }
    this.chunked.onProgress = (loaded, total) => this.progress(loaded, total);
    this.chunked.onRetry = (number, delayMs) => {
      this.row.statusElement.textContent = t("part-retry", { number, seconds: Math.round(delayMs / 1000) });
      this.row.element.dataset.retries = String(Number(this.row.element.dataset.retries || 0) + 1);
    };
    this.meter.reset();
    return this.chunked.run(this.page.uploadToken(), signal);
  }

  async resumedOrNew(chunkSize) {
    const uploadId = this.page.uploadId();
    const kept = await resume.recall(uploadId, this.file);
    const usable = kept && kept.chunkSize === chunkSize && kept.accepted.length > 0;
    const chunked = new ChunkedUpload({
      url: this.page.action,
      file: this.file,
      chunkSize,
      identifier: usable ? kept.identifier : undefined,
      accepted: usable ? kept.accepted : [],
    });
    if (usable) {
      this.row.element.dataset.resumedFrom = String(resume.percentOf(kept));
      this.row.statusElement.textContent = t("resuming", { count: resume.percentOf(kept) });
    }
    const record = {
      key: resume.fileKey(uploadId, this.file),
      uploadId: String(uploadId),
      name: this.file.name,
      size: this.file.size,
      lastModified: this.file.lastModified,
      identifier: chunked.identifier,
      chunkSize,
      totalChunks: chunked.plan.length,
    };
    this.resumeKey = record.key;
    chunked.onAccepted = () => {
      resume.remember({ ...record, accepted: Array.from(chunked.accepted) });
    };
    return chunked;
  }

  // The file arrived (or the visitor gave it up): nothing is left to resume.
  forget() {
    if (this.resumeKey) resume.forget(this.resumeKey);
  }

  progress(loaded, total) {
    this.row.showProgress(loaded, total, this.meter.sample(loaded));
  }

  // Asks this site (which asks 23) for a video this file made; null when none shows up.
  async confirm(before, outcome) {
    // Cut off part-way, the file cannot have arrived: a short look suffices before sending it
    // again. With no progress seen at all it may have gone through too fast to report, so
    // give 23 the full time to list it (a second copy would be a second video).
    const cutOff = outcome.uncertain && outcome.error?.kind === "interrupted";
    const delays = cutOff ? CUT_OFF_CONFIRM_DELAYS_MS : CONFIRM_DELAYS_MS;
    let last = null;
    for (const delay of delays) {
      if (delay > 0) await pause(delay);
      try {
        last = await this.page.api.check(this.page.uploadId());
      } catch {
        continue; // this site may be briefly unreachable; the next round asks again
      }
      this.page.remainingFromServer(last.remaining);
      const fresh = (last.videos || []).find((v) => !before.has(v.photo_id) && this.page.claim(v.photo_id));
      if (fresh) return fresh;
      const said = plainAnswer(outcome);
      if (said) {
        throw new UploadFailure(t("service-said", { name: this.file.name, reason: inVisitorWords(said) }));
      }
    }
    if (!outcome.uncertain && last?.status === "failed" && last.error_message) {
      throw new UploadFailure(
        t("service-said", { name: this.file.name, reason: inVisitorWords(last.error_message) }),
      );
    }
    return null;
  }

  connectionFailure(error) {
    return new UploadFailure(checkConnection(error?.message || t("connection-failed"), this.chunked));
  }
}

function translate(error, resumable) {
  if (error instanceof ServiceRefusal) {
    const said = error.message ? t("refused-because", { reason: inVisitorWords(error.message) }) : t("refused");
    return new UploadFailure(said, "refused");
  }
  if (error instanceof TransportError) {
    return new UploadFailure(checkConnection(error.message, resumable));
  }
  return error;
}

// "<what went wrong> Check your connection, then try again.", and whether sent parts are kept.
function checkConnection(problem, partsKept) {
  const line = t("check-connection", { problem });
  return partsKept ? `${line} ${t("parts-kept")}` : line;
}
