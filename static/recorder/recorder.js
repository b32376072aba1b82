// The recorder panel: live preview, a 3-2-1 countdown, elapsed and remaining time, pause and
// resume, stop, then a review to play back with Retake or Send. The source (camera, screen)
// only says how to open its stream; everything after that is the same here. `data-state` mirrors
// the state for styling and tests: opening | ready | countdown | recording | paused | review |
// failed | closed.

import { el, pause } from "../shared.js";
import { t } from "../messages.js";
import { fileType, pickFormat, recordingName } from "./formats.js";
import { LevelMeter } from "./level-meter.js";
import { isQuotaError } from "./slice-store.js";
import { describeFailure } from "./refusals.js";

// One slice a second: a crash loses at most that much, and IndexedDB gets small writes.
const SLICE_MS = 1000;
const COUNTDOWN = 3;
const LIVE = new Set(["countdown", "recording", "paused"]);

export class Recorder {
  // options: {kind, settings: {maxSeconds, minSeconds, bitrate}, openStream(choice), store,
  //           onFile(file, recordingId), extra(recorder) (pickers), mirrored}
  constructor(options) {
    this.options = options;
    this.settings = options.settings;
    this.stream = null;
    this.mediaRecorder = null;
    this.recordingId = null;
    this.memory = [];
    this.writes = Promise.resolve();
    this.file = null;
    this.reviewUrl = "";
    this.meter = new LevelMeter();
    this.build();
    this.onUnload = (event) => {
      if (LIVE.has(this.state)) {
        event.preventDefault();
        event.returnValue = "";
      }
    };
    window.addEventListener("beforeunload", this.onUnload);
  }

  build() {
    const o = this.options;
    this.element = el("section", { class: `recorder recorder-${o.kind}`, "data-state": "opening" });
    this.element.setAttribute("aria-label", t(o.kind === "screen" ? "record-screen" : "record-camera"));
    this.status = el("p", { class: "recorder-status", role: "status", "aria-live": "polite" });
    this.problem = el("p", { class: "recorder-problem", role: "alert" });
    this.problem.hidden = true;
    this.preview = el("video", { class: "recorder-preview", playsinline: "", autoplay: "" });
    this.preview.muted = true; // never play the microphone back into itself
    this.preview.setAttribute("aria-label", t("rec-preview"));
    if (o.mirrored) this.preview.classList.add("is-mirrored");
    this.playback = el("video", { class: "recorder-playback", controls: "", playsinline: "" });
    this.playback.setAttribute("aria-label", t("rec-playback"));
    this.playback.hidden = true;
    this.clock = el("p", { class: "recorder-clock" });
    this.buttons = el("div", { class: "recorder-actions" });
    const button = (id, action, primary) => {
      const b = el("button", { type: "button", class: `button${primary ? " button-primary" : ""} recorder-${id}` }, t(`rec-${id}`));
      b.addEventListener("click", action);
      this.buttons.append(b);
      return b;
    };
    this.startButton = button("start", () => this.start(), true);
    this.pauseButton = button("pause", () => this.pause());
    this.resumeButton = button("resume", () => this.resume(), true);
    this.stopButton = button("stop", () => this.stop(false), true);
    this.sendButton = button("send", () => this.send(), true);
    this.retakeButton = button("retake", () => this.retake());
    this.silentButton = button("without-sound", () => this.open({ audio: false }));
    this.closeButton = button("close", () => this.close());
    this.extra = o.extra ? o.extra(this) : null;
    this.prompt = campaignPrompt();
    this.element.append(this.status, this.problem);
    if (this.extra) this.element.append(this.extra);
    if (this.prompt) this.element.append(this.prompt);
    this.element.append(this.preview, this.meter.element, this.playback, this.clock, this.buttons);
    this.setState("opening");
  }

  // Asks for the stream (camera, screen); `choice`: {audio: false} to record without sound.
  async open(choice = {}) {
    this.setState("opening");
    this.releaseStream();
    this.choice = { audio: true, ...this.choice, ...choice };
    try {
      this.stream = await this.options.openStream(this.choice);
    } catch (error) {
      this.fail(describeFailure(error, this.options.kind), error);
      return;
    }
    this.preview.srcObject = this.stream;
    this.preview.play().catch(() => {});
    this.meter.follow(this.stream);
    for (const track of this.stream.getVideoTracks()) {
      // A screen shared in the browser's own bar can be stopped there: end the recording too.
      track.addEventListener("ended", () => {
        if (this.state === "recording" || this.state === "paused") this.stop(false);
      });
    }
    await this.extra?.refresh?.(this.stream);
    const noSound = this.stream.getAudioTracks().length === 0 && this.choice.audio;
    this.setState("ready", noSound ? t("rec-no-microphone") : "");
    if (noSound) this.showProblem(t("rec-no-microphone"), false);
    // Keyboard users land on the next step, not back at the top of the page.
    if (!this.element.contains(document.activeElement) || document.activeElement.hidden) this.startButton.focus();
  }

  async start() {
    if (this.state !== "ready") return;
    this.hideProblem();
    this.setState("countdown");
    for (let left = COUNTDOWN; left > 0; left -= 1) {
      this.status.textContent = t("rec-countdown", { seconds: left });
      await pause(1000);
      if (this.state !== "countdown") return; // closed meanwhile
    }
    this.record();
  }

  record() {
    const asked = pickFormat();
    try {
      this.mediaRecorder = new MediaRecorder(this.stream, {
        ...(asked ? { mimeType: asked } : {}),
        videoBitsPerSecond: this.settings.bitrate,
      });
    } catch (error) {
      this.fail(t("rec-failed", { reason: error.name || String(error) }), error);
      return;
    }
    this.asked = asked;
    this.memory = [];
    this.index = 0;
    this.elapsedBefore = 0;
    this.startedAt = Date.now();
    this.resumedAt = performance.now();
    this.limitReached = false;
    this.recordingId = null;
    this.beginStored();
    this.mediaRecorder.addEventListener("dataavailable", (event) => this.keep(event.data));
    this.stopped = new Promise((resolve) => this.mediaRecorder.addEventListener("stop", resolve, { once: true }));
    this.mediaRecorder.start(SLICE_MS);
    this.ticker = setInterval(() => this.tick(), 200);
    this.setState("recording", t("rec-started"));
    this.stopButton.focus();
  }

  mimeType() {
    return fileType(this.mediaRecorder?.mimeType, this.asked);
  }

  beginStored() {
    const store = this.options.store;
    if (!store) return;
    const meta = { startedAt: this.startedAt, mimeType: this.mimeType(), name: recordingName(new Date(this.startedAt), this.mimeType()) };
    this.writes = store.begin(meta).then((id) => {
      this.recordingId = id;
    }).catch((error) => this.storageFailed(error));
  }

  // Each slice goes to IndexedDB (in order, one write after the other), else stays in memory.
  keep(blob) {
    if (!blob || blob.size === 0) return;
    const index = this.index++;
    const durationMs = this.elapsedMs();
    if (!this.options.store || this.inMemory) {
      this.memory.push(blob);
      return;
    }
    this.memory.push(blob); // dropped again once stored
    this.writes = this.writes.then(async () => {
      if (this.inMemory || this.recordingId === null) return;
      await this.options.store.add(this.recordingId, index, blob, durationMs);
      const at = this.memory.indexOf(blob);
      if (at >= 0) this.memory[at] = null;
    }).catch((error) => this.storageFailed(error));
  }

  storageFailed(error) {
    if (this.inMemory) return;
    this.inMemory = true; // from here the whole recording is kept in memory
    if (isQuotaError(error)) this.showProblem(t("rec-quota"), false);
    else console.error(error);
  }

  elapsedMs() {
    const running = this.state === "recording" ? performance.now() - this.resumedAt : 0;
    return this.elapsedBefore + running;
  }

  tick() {
    const max = this.settings.maxSeconds;
    const seconds = Math.floor(this.elapsedMs() / 1000);
    this.clock.textContent = t("rec-clock", { done: clockText(seconds), total: clockText(Math.max(0, max - seconds)) });
    this.element.dataset.elapsed = String(seconds);
    if (this.state === "recording" && this.elapsedMs() >= max * 1000) this.stop(true);
  }

  pause() {
    if (this.state !== "recording") return;
    this.elapsedBefore = this.elapsedMs();
    this.mediaRecorder.pause();
    this.setState("paused", t("rec-paused"));
    this.resumeButton.focus();
  }

  resume() {
    if (this.state !== "paused") return;
    this.resumedAt = performance.now();
    this.mediaRecorder.resume();
    this.setState("recording", t("rec-resumed"));
    this.pauseButton.focus();
  }

  async stop(limitReached) {
    if (this.state !== "recording" && this.state !== "paused") return;
    const durationMs = Math.min(this.elapsedMs(), this.settings.maxSeconds * 1000);
    this.elapsedBefore = durationMs;
    clearInterval(this.ticker);
    this.setState("stopping");
    this.mediaRecorder.stop();
    await this.stopped;
    await this.writes;
    this.durationMs = durationMs;
    const file = await this.assemble();
    if (!file || file.size === 0 || durationMs < 1000) {
      await this.dropRecording();
      this.setState("ready");
      this.showProblem(t("rec-empty"), true);
      return;
    }
    this.file = file;
    this.options.store?.update(this.recordingId, { durationMs }).catch(() => {});
    this.reviewUrl = URL.createObjectURL(file);
    this.playback.src = this.reviewUrl;
    const length = clockText(Math.round(durationMs / 1000));
    const said = limitReached ? t("rec-limit", { length: clockText(this.settings.maxSeconds) }) : t("rec-stopped", { length });
    this.element.dataset.limitReached = String(limitReached);
    this.element.dataset.durationMs = String(Math.round(durationMs));
    this.setState("review", said);
    const min = this.settings.minSeconds;
    if (min && durationMs < min * 1000) this.showProblem(t("rec-too-short", { seconds: min }), false);
    this.sendButton.focus();
  }

  // The recording as a File: from its stored slices, or from memory if storing failed.
  async assemble() {
    const type = this.mimeType();
    const name = recordingName(new Date(this.startedAt), type);
    if (this.options.store && !this.inMemory && this.recordingId !== null) {
      const stored = await this.options.store.file(this.recordingId).catch(() => null);
      if (stored && stored.size > 0) {
        this.memory = [];
        return stored;
      }
    }
    return new File(this.memory.filter(Boolean), name, { type, lastModified: this.startedAt });
  }

  send() {
    if (this.state !== "review" || !this.file) return;
    const { file, recordingId } = this;
    this.file = null;
    this.recordingId = null; // now the page's: it is discarded once sent
    this.finish();
    this.options.onFile(file, recordingId);
  }

  async retake() {
    if (this.state !== "review") return;
    await this.dropRecording();
    this.hideProblem();
    this.setState("ready");
    this.startButton.focus();
  }

  async dropRecording() {
    this.file = null;
    this.memory = [];
    this.clearReview();
    if (this.recordingId !== null) await this.options.store?.discard(this.recordingId).catch(() => {});
    this.recordingId = null;
  }

  clearReview() {
    if (this.reviewUrl) URL.revokeObjectURL(this.reviewUrl);
    this.reviewUrl = "";
    this.playback.removeAttribute("src");
  }

  // Close: whatever was recorded and not sent goes (the visitor chose to leave it).
  async close() {
    if (this.mediaRecorder && this.mediaRecorder.state !== "inactive") {
      this.mediaRecorder.stop();
      await this.stopped;
      await this.writes;
    }
    await this.dropRecording();
    this.finish();
  }

  finish() {
    clearInterval(this.ticker);
    this.clearReview();
    this.releaseStream();
    this.meter.stop();
    window.removeEventListener("beforeunload", this.onUnload);
    this.setState("closed");
    this.element.remove();
    this.options.onClose?.();
  }

  releaseStream() {
    for (const track of this.stream?.getTracks() || []) track.stop();
    this.stream = null;
    this.preview.srcObject = null;
  }

  fail(message, error) {
    if (error) console.warn("recording:", error);
    this.releaseStream();
    this.meter.stop();
    this.setState("failed");
    this.showProblem(message, true);
    this.closeButton.focus();
  }

  showProblem(message, withAlert) {
    this.problem.textContent = message;
    this.problem.hidden = false;
    this.problem.setAttribute("role", withAlert ? "alert" : "status");
  }

  hideProblem() {
    this.problem.hidden = true;
    this.problem.textContent = "";
  }

  setState(state, said = "") {
    this.state = state;
    this.element.dataset.state = state;
    if (said || state !== "countdown") this.status.textContent = said;
    const show = (button, visible) => { button.hidden = !visible; };
    show(this.startButton, state === "ready");
    show(this.pauseButton, state === "recording" && typeof this.mediaRecorder?.pause === "function");
    show(this.resumeButton, state === "paused");
    show(this.stopButton, state === "recording" || state === "paused");
    show(this.sendButton, state === "review");
    show(this.retakeButton, state === "review");
    show(this.silentButton, state === "ready" && this.choice?.audio !== false && this.stream?.getAudioTracks().length === 0);
    show(this.closeButton, state !== "closed" && state !== "stopping");
    this.preview.hidden = state === "review" || state === "failed";
    this.playback.hidden = state !== "review";
    this.meter.element.hidden = !this.meter.available || state === "review" || state === "failed";
    this.clock.hidden = !(state === "recording" || state === "paused");
    this.element.classList.toggle("is-recording", state === "recording");
    if (this.extra) this.extra.hidden = !(state === "ready" || state === "opening");
  }
}

// The campaign's prompt (the send page shows it above the form), copied next to the picture:
// a visitor answering a question on camera should not have to scroll up to read it again.
function campaignPrompt() {
  const shown = document.querySelector(".campaign-prompt");
  if (!shown) return null;
  const copy = el("div", { class: "recorder-prompt" });
  for (const paragraph of shown.querySelectorAll("p")) copy.append(el("p", {}, paragraph.textContent));
  return copy;
}

// 75 → "1:15".
export function clockText(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}
