// The page says where the visitor is: the heading follows the files (choosing, sending, sent),
// "Keep this page open" shows only while something is on its way (in the plural only when the
// page takes several files), and the tab title shows the progress ("42 % · Sending") so a
// visitor in another tab sees it. It watches the rows' `data-state` and `data-percent`, so the
// senders need not know about it. The words come from the heading's data attributes, which the
// server writes in the visitor's language.

import { t } from "./messages.js";

const SENDING = new Set(["queued", "uploading", "confirming"]);

export function followJourney({ list, heading, help, manyFiles }) {
  if (!list) return;
  const originalTitle = document.title;
  const originalHeading = heading?.textContent ?? "";
  const originalHelp = help?.textContent ?? "";
  const keepOpen = manyFiles ? t("keep-open-many") : t("keep-open");
  const update = () => {
    const rows = [...list.querySelectorAll(".file-row")];
    const sending = rows.filter((row) => SENDING.has(row.dataset.state));
    const done = rows.some((row) => row.dataset.state === "done");
    if (help) help.textContent = sending.length > 0 ? keepOpen : originalHelp;
    if (heading) {
      const words = sending.length > 0
        ? heading.dataset.sending
        : done ? heading.dataset.sent : originalHeading;
      if (words && heading.textContent !== words) heading.textContent = words;
    }
    document.title = sending.length > 0
      ? `${overallPercent(sending)} % · ${heading?.dataset.tab || originalTitle}`
      : originalTitle;
  };
  new MutationObserver(update).observe(list, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ["data-state", "data-percent"],
  });
  update();
}

// The files on their way, weighted by size: one big file at 10 % is not "50 %" beside a small
// one that is done.
function overallPercent(rows) {
  let total = 0;
  let sent = 0;
  for (const row of rows) {
    const size = Number(row.dataset.size) || 1;
    total += size;
    sent += (size * (Number(row.dataset.percent) || 0)) / 100;
  }
  return Math.floor((100 * sent) / total);
}
