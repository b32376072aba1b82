// One file's line in the upload list: name, size, a progress bar with percent and speed, what is
// happening in words, and the actions that make sense right now. `data-state` mirrors the state
// for styling and for tests.

import { formatBytes, formatDuration, formatSpeed } from "./format.js";
import { showPreview } from "./preview.js";
import { el } from "./shared.js";
import { t } from "./messages.js";

export class FileRow {
  constructor(file) {
    this.file = file;
    this.element = el("li", { class: "file-row", "data-state": "queued", "data-size": String(file.size) });
    const head = el("div", { class: "file-row-head" });
    this.nameElement = el("span", { class: "file-name" }, file.name);
    head.append(this.nameElement, el("span", { class: "file-size" }, formatBytes(file.size)));
    this.progress = el("progress", { class: "file-progress", max: "100", value: "0" });
    this.progress.setAttribute("aria-label", t("upload-of", { name: file.name }));
    this.statusElement = el("p", { class: "file-status" }, t("waiting"));
    this.actions = el("div", { class: "file-actions" });
    this.cancelButton = button(t("cancel"), file.name);
    this.retryButton = button(t("try-again"), file.name);
    this.retryButton.hidden = true;
    this.pauseButton = button(t("pause"), file.name, "pause");
    this.pauseButton.hidden = true;
    this.resumeButton = button(t("resume"), file.name, "resume");
    this.resumeButton.hidden = true;
    this.dismissButton = button(t("dismiss"), file.name, "dismiss");
    this.dismissButton.hidden = true;
    this.link = el("a", { class: "file-link" });
    this.link.hidden = true;
    this.actions.append(
      this.pauseButton, this.resumeButton, this.cancelButton, this.retryButton, this.dismissButton, this.link,
    );
    this.preview = el("div", { class: "file-preview" });
    this.element.append(head, this.preview, this.progress, this.statusElement, this.actions);
    showPreview(this.preview, file);
  }

  onPause(handler) {
    this.pauseButton.addEventListener("click", handler);
  }

  onResume(handler) {
    this.resumeButton.addEventListener("click", handler);
  }

  onCancel(handler) {
    this.cancelButton.addEventListener("click", handler);
  }

  onDismiss(handler) {
    this.dismissButton.addEventListener("click", handler);
  }

  onRetry(handler) {
    this.retryButton.addEventListener("click", handler);
  }

  // state: queued | uploading | paused | confirming | done | unconfirmed | failed | cancelled | rejected
  setState(state, message) {
    const focused = document.activeElement;
    const hadFocus = this.actions.contains(focused);
    this.element.dataset.state = state;
    this.statusElement.textContent = message;
    const active = state === "queued" || state === "uploading";
    this.cancelButton.hidden = !(active || state === "paused");
    this.resumeButton.hidden = state !== "paused";
    this.refreshPause();
    this.retryButton.hidden = !(state === "failed" || state === "cancelled" || state === "unconfirmed");
    this.progress.hidden = state === "rejected";
    this.dismissButton.hidden = state !== "rejected";
    if (state === "rejected") this.preview.hidden = true; // the reason says all there is
    if (state === "done" || state === "unconfirmed") this.setPercent(100); // the file went out
    if (!active && !this.progress.hasAttribute("value")) this.setPercent(0);
    if (state === "confirming") this.setIndeterminate();
    if (hadFocus && focused.hidden) this.keepFocus();
  }

  // The button just pressed (Cancel, Try again) hides itself; without this a keyboard user would
  // be dropped to the top of the page. Focus goes to the action that replaced it, else the status.
  keepFocus() {
    const next = [this.resumeButton, this.pauseButton, this.retryButton, this.cancelButton, this.link]
      .find((b) => !b.hidden);
    if (next) {
      next.focus();
      return;
    }
    this.statusElement.tabIndex = -1;
    this.statusElement.focus();
  }

  setTransport(transport) {
    this.element.dataset.transport = transport;
    this.refreshPause();
  }

  // Only a file sent in chunks can pause without starting again from 0 %.
  refreshPause() {
    const { state, transport } = this.element.dataset;
    this.pauseButton.hidden = !(state === "uploading" && transport === "chunks");
  }

  // Determinate progress: percent, speed and time left, e.g. "42% · 3.1 MB/s · about 20 s left".
  showProgress(loaded, total, bytesPerSecond) {
    const percent = total > 0 ? Math.min(100, Math.floor((loaded / total) * 100)) : 0;
    this.setPercent(percent);
    const parts = [`${percent}%`, t("progress-of", { done: formatBytes(loaded), total: formatBytes(total) })];
    const speed = formatSpeed(bytesPerSecond);
    if (speed) {
      parts.push(speed);
      if (loaded < total) parts.push(t("time-left", { time: formatDuration((total - loaded) / bytesPerSecond) }));
    }
    this.statusElement.textContent = parts.join(" · ");
  }

  setPercent(percent) {
    this.progress.value = percent;
    this.element.dataset.percent = String(percent);
    this.progress.setAttribute("aria-valuetext", `${percent}%`);
  }

  // A bar that moves without claiming a figure: used when the browser cannot see progress.
  setIndeterminate() {
    this.progress.removeAttribute("value");
    this.progress.removeAttribute("aria-valuetext");
    delete this.element.dataset.percent;
  }

  showLink(href, text) {
    this.link.href = href;
    this.link.textContent = text;
    this.link.hidden = false;
  }

  hideLink() {
    this.link.hidden = true;
  }
}

function button(label, fileName, action) {
  const b = el("button", { type: "button", class: "button button-small" }, label);
  if (action) b.dataset.action = action;
  // Several rows have the same buttons; screen readers hear which file each one is about.
  b.append(el("span", { class: "visually-hidden" }, ` ${fileName}`));
  return b;
}
