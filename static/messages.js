// The page's words for the scripts. The server writes them, in the visitor's language, into
// <meta name="messages"> (from locales/*/scripts.ftl), so no script keeps a second copy.

const element = document.querySelector('meta[name="messages"]');
let messages = {};
try {
  messages = JSON.parse(element?.content || "{}");
} catch {
  messages = {};
}

// The page's language, for numbers and dates written by the scripts.
export const language = document.documentElement.lang || "en";

// The message `id` (its `js-` prefix left off) with each `{name}` filled from `values`. The
// values are not searched again, so a file named "{name}" stays as it is.
export function t(id, values = {}) {
  const text = messages[id] ?? id;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}
