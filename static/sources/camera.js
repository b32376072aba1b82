// Recording with the camera and microphone: a "Record a video" button that opens the recorder
// with a mirrored preview and camera and microphone pickers. The finished recording goes to
// `onFile` exactly as a chosen file would.

import { el } from "../shared.js";
import { t } from "../messages.js";
import { Recorder } from "../recorder/recorder.js";
import { buildPickers, forget, remembered } from "../recorder/device-pickers.js";

// 1280×720 asked, not required: a camera that cannot gives what it has.
const VIDEO = { width: { ideal: 1280 }, height: { ideal: 720 }, facingMode: "user" };

async function openCamera(choice) {
  const camera = remembered("videoinput");
  const microphone = remembered("audioinput");
  const video = camera ? { ...VIDEO, deviceId: { exact: camera } } : VIDEO;
  const audio = choice.audio ? (microphone ? { deviceId: { exact: microphone } } : true) : false;
  try {
    return await navigator.mediaDevices.getUserMedia({ video, audio });
  } catch (error) {
    if (error.name === "OverconstrainedError" && (camera || microphone)) {
      forget(); // a remembered device is gone: take the defaults
      return openCamera(choice);
    }
    if (audio && error.name === "NotFoundError") {
      // No microphone: the camera alone, and the recorder offers to record without sound.
      return navigator.mediaDevices.getUserMedia({ video });
    }
    throw error;
  }
}

// options: {onFile(file, recordingId), settings, store, stage (where the panel goes)}
export function mount(container, options) {
  return mountSource(container, options, {
    kind: "camera",
    label: t("record-camera"),
    openStream: openCamera,
    mirrored: true,
    extra: buildPickers,
  });
}

// Shared with screen.js: a button that opens one recorder panel at a time.
export function mountSource(container, options, source) {
  const button = el("button", { type: "button", class: `button recorder-open recorder-open-${source.kind}` }, source.label);
  button.setAttribute("aria-expanded", "false");
  container.append(button);
  let recorder = null;
  button.addEventListener("click", () => {
    if (recorder) {
      recorder.element.querySelector("button:not([hidden])")?.focus();
      return;
    }
    container.dispatchEvent(new CustomEvent("recorder-opening"));
    recorder = new Recorder({
      ...source,
      settings: options.settings,
      store: options.store,
      onFile: options.onFile,
      onClose: () => {
        recorder = null;
        button.setAttribute("aria-expanded", "false");
        button.focus();
      },
    });
    (options.stage || container).append(recorder.element);
    button.setAttribute("aria-expanded", "true");
    recorder.open();
  });
  // Another source opening closes this one: one camera, one panel.
  container.addEventListener("recorder-opening", () => recorder?.close());
  return button;
}
