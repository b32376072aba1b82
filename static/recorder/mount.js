// The page's one hook for recording: puts the camera and screen sources beside the file choice,
// hands their recordings to the page as files, offers recordings a reload or crash left unsent,
// and lets the phone's camera input feed the same list. Pages call
// `mountRecording({ addFiles, after })`; `addFiles([file])` returns the rows it made.

import { el } from "../shared.js";
import { t } from "../messages.js";
import { mount as mountCamera } from "../sources/camera.js";
import { mount as mountScreen } from "../sources/screen.js";
import { cannotRecord } from "./formats.js";
import { clockText } from "./recorder.js";
import { SliceStore } from "./slice-store.js";

export async function mountRecording({ addFiles, after }) {
  hookCameraCapture(addFiles);
  const container = document.querySelector(".recorder-sources");
  if (!container) return;
  const unavailable = cannotRecord();
  if (unavailable) {
    container.dataset.unavailable = unavailable; // the file choice stays; nothing to offer here
    return;
  }
  const number = (name) => Number(container.dataset[name]) || 0;
  const settings = {
    maxSeconds: number("recordMaxSeconds") || 300,
    minSeconds: number("recordMinSeconds"),
    bitrate: number("recordBitrate") || 2500000,
  };
  if (after) after.after(container);
  const store = await SliceStore.open();
  const buttons = el("div", { class: "recorder-buttons" });
  const stage = el("div", { class: "recorder-stage" });
  container.append(buttons, stage);
  const onFile = (file, recordingId) => {
    const rows = addFiles([file]) || [];
    if (store && recordingId !== null && recordingId !== undefined) {
      for (const row of rows) discardOnceSent(store, recordingId, row.element);
    }
  };
  const options = { settings, store, onFile, stage };
  mountCamera(buttons, options);
  mountScreen(buttons, options);
  container.hidden = false;
  container.dataset.ready = "true";
  if (store) offerKept(store, container, onFile);
}

// Kept in IndexedDB until the video service has it: a reload while sending offers it again.
function discardOnceSent(store, recordingId, rowElement) {
  const check = () => {
    const state = rowElement.dataset.state;
    if (state === "done") {
      observer.disconnect();
      store.discard(recordingId).catch(() => {});
    } else if (state === "rejected") {
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(rowElement, { attributes: true, attributeFilter: ["data-state"] });
}

// "You have a recording from 14:32 (1:12) that was not sent: Send it / Discard".
async function offerKept(store, container, onFile) {
  const kept = await store.list().catch(() => []);
  for (const entry of kept) {
    const time = new Date(entry.startedAt).toLocaleTimeString(document.documentElement.lang || undefined, { hour: "2-digit", minute: "2-digit" });
    const notice = el("div", { class: "notice recorder-kept", role: "status" });
    const text = el("p", {}, t("rec-kept", { time, length: clockText(Math.round((entry.durationMs || 0) / 1000)) }));
    const send = el("button", { type: "button", class: "button button-primary recorder-send-kept" }, t("rec-send-kept"));
    const discard = el("button", { type: "button", class: "button recorder-discard-kept" }, t("rec-discard"));
    const actions = el("div", { class: "recorder-actions" });
    actions.append(send, discard);
    notice.append(text, actions);
    container.prepend(notice);
    send.addEventListener("click", async () => {
      const file = await store.file(entry.id);
      notice.remove();
      if (file && file.size > 0) onFile(file, entry.id);
    });
    discard.addEventListener("click", async () => {
      await store.discard(entry.id).catch(() => {});
      notice.replaceChildren(el("p", {}, t("rec-discarded")));
    });
  }
}

// The phone's camera input (`capture`): without JavaScript a form of its own; with it, its file
// joins the same list as any other.
function hookCameraCapture(addFiles) {
  const form = document.querySelector("form.camera-capture");
  if (!form) return;
  const input = form.querySelector('input[type="file"]');
  form.querySelector('button[type="submit"]').hidden = true;
  input.required = false;
  form.addEventListener("submit", (event) => event.preventDefault());
  input.addEventListener("change", () => {
    if (input.files.length > 0) addFiles(Array.from(input.files));
    input.value = "";
  });
}
