// 23's own refusal texts (a redeem's plain answer, a callback's error_message) as the portal's
// words in the visitor's language, by the same rules as src/uploads/service_error.rs: 23
// documents no codes, so the words tell them apart. The sentences are the pages' own
// (`service-error-*` in locales/*/pages.ftl, written into the page's messages), so a Danish page
// never shows 23's English. The original goes to the console for whoever debugs the page; the
// operator reads it in /admin.

import { t } from "./messages.js";

export function serviceErrorId(original) {
  const text = String(original || "").toLowerCase();
  const has = (word) => text.includes(word);
  if (has("type") && (has("support") || has("allowed") || has("accept"))) return "service-error-type";
  if (has("no file") || has("missing file") || has("empty file")) return "service-error-no-file";
  if (has("token") && (has("invalid") || has("expired") || has("unknown"))) return "service-error-token";
  if (has("too large") || has("too big") || has("exceeds")) return "service-error-too-large";
  if (has("process") || has("stored") || has("transcod") || has("encod")) return "service-error-processing";
  return "service-error-other";
}

export function inVisitorWords(original) {
  if (original) console.info("The video service said:", original);
  return t(serviceErrorId(original));
}
