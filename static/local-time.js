// Dates and times in the visitor's own time zone and language. The server writes each one as
// `<time datetime="RFC 3339">` with a UTC reading inside (what a page without JavaScript shows,
// labelled "UTC"); here the browser rewrites the reading with Intl.DateTimeFormat, which knows
// the visitor's zone. Entries the history swaps in later are rewritten the same way.

import { language } from "./messages.js";

const format = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" });

// The local reading of `time`'s datetime, or null when it holds no date.
export function localReading(time) {
  const date = new Date(time.dateTime || time.getAttribute("datetime"));
  return Number.isNaN(date.getTime()) ? null : format.format(date);
}

export function localizeTimes(root = document) {
  for (const time of root.querySelectorAll("time[datetime]")) {
    const reading = localReading(time);
    if (reading && time.textContent !== reading) time.textContent = reading;
  }
}

localizeTimes();
// New rows (a swapped history entry, a renewed deadline) arrive with the server's UTC reading.
new MutationObserver((changes) => {
  for (const change of changes) {
    for (const node of change.addedNodes) {
      if (node.nodeType !== Node.ELEMENT_NODE) continue;
      if (node.matches("time[datetime]")) localizeTimes(node.parentNode);
      else localizeTimes(node);
    }
  }
}).observe(document.documentElement, { childList: true, subtree: true });
