// Which container and codecs this browser records, what the file is called, and whether the
// page may record at all. The file's type is always what `MediaRecorder` reports (some browsers
// say `video/x-matroska` for what they were asked as WebM), never a fixed string.

// Best first: MP4 with H.264/AAC where the browser makes it (Safari, Chromium with an H.264
// encoder), since every player opens it; then WebM with VP9 or VP8 and Opus. A bare
// "video/mp4" comes last: Chromium without H.264 says yes to it and writes VP9 into MP4.
const PREFERRED = [
  "video/mp4;codecs=avc1.42E01F,mp4a.40.2",
  "video/mp4;codecs=avc1,mp4a",
  "video/webm;codecs=vp9,opus",
  "video/webm;codecs=vp8,opus",
  "video/webm",
  "video/mp4",
];

export function pickFormat(isSupported = (type) => window.MediaRecorder.isTypeSupported(type)) {
  return PREFERRED.find((type) => isSupported(type)) || "";
}

const EXTENSIONS = [
  ["video/mp4", "mp4"],
  ["audio/mp4", "m4a"],
  ["video/quicktime", "mov"],
  ["video/x-matroska", "mkv"],
  ["video/webm", "webm"],
  ["audio/webm", "webm"],
  ["video/ogg", "ogv"],
];

export function extensionFor(mimeType) {
  const essence = (mimeType || "").split(";")[0].trim().toLowerCase();
  return EXTENSIONS.find(([type]) => type === essence)?.[1] || "webm";
}

// The type the file carries: the browser's own word, or, if it reports none, what was asked.
export function fileType(reported, asked) {
  const type = (reported || asked || "video/webm").split(";")[0].trim();
  return type || "video/webm";
}

// `recording-2026-12-07-1432.webm`, in the visitor's local time.
export function recordingName(date, mimeType) {
  const two = (n) => String(n).padStart(2, "0");
  const day = `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
  return `recording-${day}-${two(date.getHours())}${two(date.getMinutes())}.${extensionFor(mimeType)}`;
}

// Why this page cannot record, or "" when it can. An insecure context (plain http on a public
// name) gets no camera at all, so the recorder is not offered there.
export function cannotRecord() {
  if (!window.isSecureContext) return "insecure";
  if (!navigator.mediaDevices?.getUserMedia) return "no-media-devices";
  if (!window.MediaRecorder) return "no-media-recorder";
  return "";
}

export function canShareScreen() {
  return Boolean(navigator.mediaDevices?.getDisplayMedia);
}
