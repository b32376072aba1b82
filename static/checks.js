// What is checked before a byte is sent: the type and the size of each file, and whether the
// upload link still takes it. Each refusal says why, in the visitor's words: naming the file for
// the announcement, without the name for the file's own row (which shows the name already).

import { formatBytes } from "./format.js";
import { t } from "./messages.js";

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

// Why this file cannot be sent, or null when it can. `maxSize` is in bytes (0: no limit);
// `named: false` gives the row's words.
export function refusalReason(file, { maxSize }, named = true) {
  const say = sayer(file, named);
  if (!isMediaFile(file)) {
    return say("not-media");
  }
  if (file.size === 0) {
    return say("empty-file");
  }
  if (maxSize > 0 && file.size > maxSize) {
    return say("too-large", { size: formatBytes(file.size), limit: formatBytes(maxSize) });
  }
  return null;
}

// `remaining`: files the link still takes; `chosen`: how many of them are already in the list.
export function tooManyReason(file, remaining, chosen = 0, named = true) {
  const say = sayer(file, named);
  if (remaining <= 0) {
    return say("no-more-files");
  }
  const id = remaining === 1 ? "only-one-more" : "only-more";
  return say(chosen === 0 ? id : `${id}-chosen`, { count: remaining });
}

// The refusal `id` about `file`: the sentence naming it, or its row's words (`id-row`).
function sayer(file, named) {
  return (id, values = {}) => t(named ? id : `${id}-row`, { name: file.name, ...values });
}
