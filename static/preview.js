// A chosen file's preview, decoded in the page: a poster frame (a `<video>` seeked a little way in,
// drawn on a canvas), its length and resolution. The visitor sees it is the right clip before it
// has gone far. A file the browser cannot decode says so in a line; it is sent all the same, since
// the video service decodes more than any browser does.

import { el } from "./shared.js";
import { t } from "./messages.js";

const POSTER_WIDTH = 160;
// Long enough for a big file's index to be read; a file that gives nothing by then has no preview.
const DECODE_WAIT_MS = 8000;

// Fills `container` once the file is read; never throws, never holds the file open afterwards.
export async function showPreview(container, file) {
  container.dataset.preview = "loading";
  const found = await describe(file);
  if (!found) {
    container.dataset.preview = "none";
    container.replaceChildren(el("p", { class: "file-preview-none" }, t("no-preview")));
    return;
  }
  container.dataset.preview = "ready";
  const facts = el("p", { class: "file-preview-facts" });
  const parts = [];
  if (Number.isFinite(found.duration) && found.duration > 0) {
    parts.push(t("length", { time: clock(found.duration) }));
  }
  if (found.width > 0 && found.height > 0) parts.push(`${found.width} × ${found.height}`);
  facts.textContent = parts.join(" · ");
  container.dataset.duration = String(found.duration);
  container.dataset.width = String(found.width);
  container.dataset.height = String(found.height);
  const children = [];
  if (found.poster) {
    found.poster.setAttribute("role", "img");
    found.poster.setAttribute("aria-label", t("preview-of", { name: file.name }));
    children.push(found.poster);
  }
  children.push(facts);
  container.replaceChildren(...children);
}

// {duration, width, height, poster: canvas | null}, or null when the browser cannot read it.
async function describe(file) {
  const url = URL.createObjectURL(file);
  const video = document.createElement("video");
  video.muted = true;
  video.preload = "metadata";
  video.playsInline = true;
  try {
    video.src = url;
    if (!(await settle(video, "loadedmetadata"))) return null;
    const { duration, videoWidth: width, videoHeight: height } = video;
    let poster = null;
    if (width > 0 && height > 0) {
      // A frame a little way in: the very first is often black.
      video.currentTime = Number.isFinite(duration) ? Math.min(1, duration / 4) : 0;
      if (await settle(video, "seeked")) poster = draw(video, width, height);
    }
    return { duration, width, height, poster };
  } finally {
    video.removeAttribute("src");
    video.load();
    URL.revokeObjectURL(url);
  }
}

// Resolves true once `event` fires, false on an error or after DECODE_WAIT_MS.
function settle(video, event) {
  return new Promise((resolve) => {
    const done = (value) => {
      clearTimeout(timer);
      video.removeEventListener(event, ok);
      video.removeEventListener("error", bad);
      resolve(value);
    };
    const ok = () => done(true);
    const bad = () => done(false);
    const timer = setTimeout(bad, DECODE_WAIT_MS);
    video.addEventListener(event, ok);
    video.addEventListener("error", bad);
  });
}

function draw(video, width, height) {
  const canvas = el("canvas", { class: "file-poster" });
  canvas.width = POSTER_WIDTH;
  canvas.height = Math.max(1, Math.round((POSTER_WIDTH * height) / width));
  try {
    canvas.getContext("2d").drawImage(video, 0, 0, canvas.width, canvas.height);
  } catch {
    return null;
  }
  return canvas;
}

// 83.4 s reads "1:23"; an hour and more "1:02:03".
export function clock(seconds) {
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}
