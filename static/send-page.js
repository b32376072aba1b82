// The send page with JavaScript: several files at once, dropped or chosen, each with its own
// progress and end state, without leaving the page. Without JavaScript the same form posts one
// file straight to 23 and 23 sends the visitor back; nothing here is needed for that.

import { refusalReason, tooManyReason } from "./checks.js";
import { enhanceDetailsForm } from "./details-editor.js";
import { buildDropZone } from "./dropzone.js";
import { FileRow } from "./file-row.js";
import { followJourney } from "./journey-state.js";
import { pageCsrfToken, PortalApi } from "./portal-api.js";
import { mountRecording } from "./recorder/mount.js";
import { FileSender, UploadFailure } from "./send-file.js";
import { Cancelled, el } from "./shared.js";
import "./tag-chips.js";
import { UploadLink } from "./upload-link.js";
import { probeDirectUploads } from "./xhr-post.js";
import { t } from "./messages.js";
import { ResumeOffers } from "./sources/resume.js";

const ACTIVE_STATES = new Set(["queued", "uploading", "confirming"]);
// A paused file keeps its place on the link: it is still going to be sent.
const COMMITTED_STATES = new Set([...ACTIVE_STATES, "paused"]);

export class SendPage {
  // `ensureLink(file)`, when given, makes the upload link before the first file is sent (the
  // page that takes the file first has none until then).
  constructor(form, { ensureLink } = {}) {
    this.form = form;
    this.ensureLink = ensureLink;
    this.action = form.action;
    this.base = form.dataset.base || "";
    this.remaining = Number(form.dataset.maxFiles || 1);
    this.directProbe = null;
    this.api = new PortalApi(this.base, pageCsrfToken());
    this.link = new UploadLink(form, this.api);
    this.items = [];
    this.claimed = new Set();
    this.busy = false;
  }

  // The operator's settings, as the server wrote them into the form (data attributes, in bytes);
  // the server owns their defaults, so none are repeated here. Read at each use.
  settings() {
    const number = (name) => Number(this.form.dataset[name]);
    return {
      maxSize: number("maxSize"),
      chunkThreshold: number("chunkThreshold"),
      chunkSize: number("chunkSize"),
    };
  }

  uploadToken() {
    return this.link.token();
  }

  uploadId() {
    return this.link.id();
  }

  // Whether uploads may go with progress (asked of the video service once per page).
  directUploads() {
    if (!this.directProbe) {
      this.directProbe = probeDirectUploads(this.action).then((allowed) => {
        this.form.dataset.directUploads = String(allowed);
        return allowed;
      });
    }
    return this.directProbe;
  }

  // A photo id is this file's only once: with several files, each new video goes to one row.
  claim(photoId) {
    if (this.claimed.has(photoId)) return false;
    this.claimed.add(photoId);
    return true;
  }

  remainingFromServer(remaining) {
    if (Number.isInteger(remaining)) this.remaining = remaining;
  }

  start() {
    const input = this.form.querySelector('input[type="file"]');
    this.form.querySelector('button[type="submit"]').hidden = true;
    this.form.addEventListener("submit", (event) => event.preventDefault());
    this.resumeOffers = new ResumeOffers(() => this.uploadId());

    this.dropZone = buildDropZone(input, {
      maxFiles: this.remaining,
      maxSize: this.settings().maxSize,
      onFiles: (files) => this.addFiles(files),
    });
    this.fileInput = input;
    this.zoneTitle = this.dropZone.querySelector(".dropzone-title");
    this.zoneTitleText = this.zoneTitle.textContent;
    this.list = el("ul", { class: "file-list", "aria-label": t("your-files") });
    this.announcer = el("p", { class: "visually-hidden announcer", role: "status", "aria-live": "polite" });
    this.complete = el("div", { class: "notice notice-success upload-complete", role: "status" });
    this.complete.hidden = true;
    input.closest(".field").after(this.resumeOffers.element, this.list, this.complete, this.announcer);
    this.resumeOffers.show();
    followJourney({
      list: this.list,
      heading: document.querySelector(".card h1"),
      help: this.form.querySelector("#file-help"),
      manyFiles: this.remaining > 1,
    });
    window.addEventListener("offline", () => this.announce(t("offline")));
    const details = document.querySelector("form.details-form");
    if (details) {
      enhanceDetailsForm(details, {
        api: this.api,
        uploadId: () => this.uploadId(),
        announce: (text) => this.announce(text),
      });
    }
    // Recording (camera, screen, phone camera) hands its files to the same list.
    mountRecording({ addFiles: (files) => this.addFiles(files), after: input.closest(".field") });
    this.form.dataset.enhanced = "true";
    this.directUploads(); // ask early, so the first file does not wait for the answer

    window.addEventListener("beforeunload", (event) => {
      if (this.items.some((item) => ACTIVE_STATES.has(item.row.element.dataset.state))) {
        event.preventDefault();
        event.returnValue = ""; // older browsers need it set to show the "leave page?" prompt
      }
    });
  }

  addFiles(files) {
    const { maxSize } = this.settings();
    const rows = [];
    // What one choice did, said once: the files now sending, then each refusal (a live region
    // reads its latest text, so sentences said one by one would hide each other).
    const sending = [];
    const refusals = [];
    for (const file of files) {
      const row = new FileRow(file);
      rows.push(row);
      this.list.append(row.element);
      const full = this.committed() >= this.remaining;
      const refusal = (named) => refusalReason(file, { maxSize }, named) ||
        (full ? tooManyReason(file, this.remaining, this.committed(), named) : null);
      const reason = refusal(true);
      if (reason) {
        this.reject(row, refusal(false));
        refusals.push(reason);
        continue;
      }
      const item = { row, sender: new FileSender(this, row), controller: null, pausing: false };
      row.onCancel(() => this.cancel(item));
      row.onRetry(() => this.retry(item));
      row.onPause(() => this.pause(item));
      row.onResume(() => this.retry(item));
      this.resumeOffers.taken(file);
      this.items.push(item);
      row.setState("queued", t("waiting"));
      sending.push(file.name);
    }
    const news = sending.length > 1 ? t("are-sending", { count: sending.length })
      : sending.length === 1 ? t("is-sending", { name: sending[0] }) : "";
    const said = [news, ...refusals].filter(Boolean).join(" ");
    if (said) this.announce(said);
    this.pump();
    return rows;
  }

  // A refused file: its row says why (without repeating its name) until dismissed; screen
  // readers hear the whole sentence (`announced`, or the caller says it with others).
  // Dismissing hands focus back to the file choice.
  reject(row, rowText, announced) {
    row.setState("rejected", rowText);
    row.onDismiss(() => {
      row.element.remove();
      this.items = this.items.filter((item) => item.row !== row);
      this.fileInput.focus();
    });
    if (announced) this.announce(announced);
  }

  // While the chosen files already fill the link, the zone says so instead of taking more.
  refreshZone() {
    const full = this.committed() >= this.remaining;
    this.dropZone.classList.toggle("is-full", full);
    this.fileInput.disabled = full;
    this.zoneTitle.textContent = full
      ? t("link-full")
      : this.zoneTitleText;
  }

  // Files queued, paused or on their way; done files are already counted by the server's `remaining`.
  committed() {
    return this.items.filter((item) => COMMITTED_STATES.has(item.row.element.dataset.state)).length;
  }

  // Stops sending now and keeps every chunk 23 confirmed: Resume sends only the rest.
  pause(item) {
    if (!item.controller) return;
    item.pausing = true;
    item.controller.abort();
  }

  cancel(item) {
    if (item.row.element.dataset.state === "paused") {
      item.sender.forget();
      item.row.setState("cancelled", t("cancelled-sending"));
      this.pump();
    } else if (item.controller) {
      item.controller.abort();
    } else {
      item.row.setState("cancelled", t("cancelled-before"));
      this.pump();
    }
  }

  retry(item) {
    const paused = item.row.element.dataset.state === "paused";
    if (!paused && this.committed() >= this.remaining) {
      const { file } = item.row;
      this.reject(
        item.row,
        tooManyReason(file, this.remaining, this.committed(), false),
        tooManyReason(file, this.remaining, this.committed()),
      );
      return;
    }
    item.row.hideLink();
    item.row.setState("queued", t("waiting"));
    this.pump();
  }

  // One file at a time: each gets the whole connection, and a video that appears belongs to it.
  async pump() {
    this.refreshZone();
    if (this.busy) return;
    const next = this.items.find((item) => item.row.element.dataset.state === "queued");
    if (!next) {
      this.showCompletion();
      return;
    }
    this.busy = true;
    try {
      await this.run(next);
    } finally {
      this.busy = false;
    }
    this.pump();
  }

  async run(item) {
    const { row, sender } = item;
    item.controller = new AbortController();
    row.setState("uploading", t("starting"));
    try {
      if (this.ensureLink) {
        row.statusElement.textContent = t("preparing");
        await this.ensureLink(row.file);
      }
      row.statusElement.textContent = t("checking-link");
      if (await this.link.renewIfClose()) {
        this.announce(t("link-renewed"));
      }
      const before = await this.link.known();
      this.remainingFromServer(before.remaining);
      await sender.deliver(before.videos, item.controller.signal);
      row.setState("done", t("uploaded"));
      row.showLink(`${this.base}/uploads#upload-${this.uploadId()}`, t("see-in-uploads"));
      this.announce(t("is-uploaded", { name: row.file.name }));
    } catch (error) {
      if (item.pausing && error instanceof Cancelled) {
        // Parts cut off by the pause are sent again; the row shows what is kept.
        const chunked = item.sender.chunked;
        if (chunked) row.showProgress(chunked.bytesConfirmed(), row.file.size, 0);
        row.setState("paused", t("paused", { count: row.element.dataset.percent || "0" }));
      } else if (await this.restartOnFreshLink(item, error)) {
        item.restarting = true;
      } else {
        this.showFailure(row, error);
      }
    } finally {
      item.controller = null;
      item.pausing = false;
    }
    if (item.restarting) {
      item.restarting = false;
      await this.run(item);
    }
  }

  // 23 refused a chunk after taking others (or the link's time is up): the token ran out during
  // the send. A fresh one is made once, and the file starts again from 0 %, as the row says
  // (23 keeps chunks under the token they came with).
  async restartOnFreshLink(item, error) {
    const chunked = item.sender.chunked;
    const ranOut = Date.parse(this.form.dataset.expiresAt) <= Date.now() ||
      (chunked !== null && chunked.accepted.size > 0);
    if (!(error instanceof UploadFailure) || error.state !== "refused" || !ranOut || item.restarted) {
      return false;
    }
    try {
      await this.link.renew(0);
    } catch {
      return false;
    }
    item.restarted = true;
    item.sender.forget();
    item.sender.chunked = null;
    const said = t("restarted", { name: item.row.file.name });
    item.row.setState("uploading", said);
    item.row.element.dataset.restarted = "true";
    this.announce(said);
    return true;
  }

  showFailure(row, error) {
    if (error instanceof Cancelled) {
      row.setState("cancelled", t("cancelled-sending"));
      this.announce(t("was-cancelled", { name: row.file.name }));
      return;
    }
    const state = error instanceof UploadFailure ? error.state : "failed";
    const message = error instanceof UploadFailure || error?.name === "PortalError"
      ? error.message
      : t("page-went-wrong", { name: row.file.name });
    if (!(error instanceof UploadFailure)) console.error(error);
    row.setState(state, message);
    if (state === "unconfirmed") row.showLink(`${this.base}/uploads`, t("go-to-uploads"));
    this.announce(message);
  }

  showCompletion() {
    const done = this.items.filter((item) => item.row.element.dataset.state === "done").length;
    if (done === 0 || this.remaining > 0) return;
    // Nothing more to choose: the zone, its advice and the link's deadline no longer apply.
    for (const stale of [this.dropZone, this.form.querySelector("#file-help"), this.form.querySelector(".expiry")]) {
      if (stale) stale.hidden = true;
    }
    // A campaign's thank-you text takes the default sentence's place; its link on follows.
    const thanks = document.getElementById("thank-you")?.content;
    const copies = (selector) => [...(thanks?.querySelectorAll(selector) || [])].map((n) => n.cloneNode(true));
    const text = copies(".thank-you-text");
    const links = el("p", {}, `${t("link-takes-no-more")} `);
    const history = el("a", { href: `${this.base}/uploads` }, t("see-uploads"));
    const another = el("a", { href: `${this.base}/` }, t("start-new"));
    links.append(history, ` ${t("or")} `, another, ".");
    this.complete.replaceChildren(
      ...(text.length > 0 ? text : [el("p", {}, done === 1 ? t("one-done") : t("all-done", { count: done }))]),
      ...copies(".thank-you-next"),
      links,
    );
    this.complete.hidden = false;
  }

  announce(text) {
    this.announcer.textContent = text;
  }
}

// `/` (the file first) starts its own page from static/new-upload-page.js.
const form = document.querySelector("form.upload-form:not(.file-first)");
if (form && window.DataTransfer && window.FormData) new SendPage(form).start();
