// What is checked before a byte is sent: the type and the size of each file, and whether the
// upload link still takes it. Each refusal names the file and says why, in the visitor's words.

import { formatBytes } from "./format.js";

// Some systems give no MIME type for common containers; the extension decides for those.
const MEDIA_EXTENSIONS = new Set([
  "3gp", "aac", "avi", "flac", "flv", "m2ts", "m4a", "m4v", "mkv", "mov", "mp3", "mp4",
  "mpeg", "mpg", "mts", "oga", "ogg", "ogv", "opus", "ts", "wav", "webm", "wmv",
]);

export function isMediaFile(file) {
  const type = (file.type || "").toLowerCase();
  if (type.startsWith("video/") || type.startsWith("audio/")) return true;
  if (type !== "" && type !== "application/octet-stream") return false;
  const dot = file.name.lastIndexOf(".");
  return dot > 0 && MEDIA_EXTENSIONS.has(file.name.slice(dot + 1).toLowerCase());
}

// Why this file cannot be sent, or null when it can. `maxSize` is in bytes (0: no limit).
export function refusalReason(file, { maxSize }) {
  if (!isMediaFile(file)) {
    return `“${file.name}” was not sent: it is not a video or audio file.`;
  }
  if (file.size === 0) {
    return `“${file.name}” was not sent: the file is empty.`;
  }
  if (maxSize > 0 && file.size > maxSize) {
    return `“${file.name}” was not sent: it is ${formatBytes(file.size)}, larger than the ${formatBytes(maxSize)} this site accepts.`;
  }
  return null;
}

// `remaining`: files the link still takes; `chosen`: how many of them are already in the list.
export function tooManyReason(file, remaining, chosen = 0) {
  if (remaining <= 0) {
    return `“${file.name}” was not sent: this upload link takes no more files.`;
  }
  const files = remaining === 1 ? "one more file" : `${remaining} more files`;
  const taken = chosen === 0 ? "" : chosen === 1 && remaining === 1
    ? ", and it is already chosen above" : ", already chosen above";
  return `“${file.name}” was not sent: this upload link takes only ${files}${taken}.`;
}
