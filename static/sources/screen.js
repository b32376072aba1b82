// Recording the screen (with the microphone when there is one) on browsers that have
// getDisplayMedia; phones have none and get no button.

import { t } from "../messages.js";
import { canShareScreen } from "../recorder/formats.js";
import { mountSource } from "./camera.js";

async function openScreen(choice) {
  const screen = await navigator.mediaDevices.getDisplayMedia({
    video: { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } },
    audio: false,
  });
  if (!choice.audio) return screen;
  // The microphone is welcome, not required: without one the screen is recorded silent.
  const microphone = await navigator.mediaDevices.getUserMedia({ audio: true }).catch(() => null);
  return new MediaStream([...screen.getVideoTracks(), ...(microphone?.getAudioTracks() || [])]);
}

export function mount(container, options) {
  if (!canShareScreen()) return null;
  return mountSource(container, options, {
    kind: "screen",
    label: t("record-screen"),
    openStream: openScreen,
    mirrored: false,
  });
}
