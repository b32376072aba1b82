// Camera and microphone choices, remembered in this browser. Device names are only known once
// the visitor allowed the camera, so the lists fill after the first stream opened.

import { el } from "../shared.js";
import { t } from "../messages.js";

const KEYS = { videoinput: "upload-portal.camera", audioinput: "upload-portal.microphone" };

export function remembered(kind) {
  try {
    return localStorage.getItem(KEYS[kind]) || "";
  } catch {
    return "";
  }
}

export function forget() {
  try {
    for (const key of Object.values(KEYS)) localStorage.removeItem(key);
  } catch {
    // storage off: nothing was remembered
  }
}

function remember(kind, id) {
  try {
    localStorage.setItem(KEYS[kind], id);
  } catch {
    // storage off: the choice lasts for this page only
  }
}

export function buildPickers(recorder) {
  const box = el("div", { class: "recorder-pickers" });
  const selects = {};
  let counter = 0;
  for (const [kind, label] of [["videoinput", t("rec-camera")], ["audioinput", t("rec-microphone")]]) {
    const id = `recorder-${kind}-${(counter += 1)}-${Math.random().toString(36).slice(2, 7)}`;
    const field = el("div", { class: "field recorder-picker" });
    const select = el("select", { id, class: `recorder-${kind}` });
    field.append(el("label", { for: id }, label), select);
    select.addEventListener("change", () => {
      remember(kind, select.value);
      recorder.open();
    });
    selects[kind] = { field, select };
    box.append(field);
  }
  box.refresh = async (stream) => {
    const devices = await navigator.mediaDevices.enumerateDevices().catch(() => []);
    const using = {
      videoinput: stream.getVideoTracks()[0]?.getSettings().deviceId,
      audioinput: stream.getAudioTracks()[0]?.getSettings().deviceId,
    };
    for (const [kind, { field, select }] of Object.entries(selects)) {
      const found = devices.filter((d) => d.kind === kind && d.deviceId);
      select.replaceChildren(...found.map((d, i) => el("option", { value: d.deviceId }, d.label || `${kind === "videoinput" ? t("rec-camera") : t("rec-microphone")} ${i + 1}`)));
      if (using[kind]) select.value = using[kind];
      field.hidden = found.length === 0;
    }
  };
  return box;
}
