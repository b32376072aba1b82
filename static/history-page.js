// The history page keeps itself current: uploads still on their way (pending, unverified,
// uploaded but not yet ready) are polled through this site's status endpoint, and when one
// changes the list is re-read from the server and only the changed entries are swapped, so
// focus and scroll stay put. Screen readers hear one sentence per change.

import { PortalApi } from "./portal-api.js";
import { t } from "./messages.js";

const UNSETTLED = new Set(["pending", "unverified", "uploaded"]);
const FIRST_DELAY_MS = 3000;
const MAX_DELAY_MS = 60000;
const PER_ROUND = 10;

class HistoryPage {
  constructor(list, announcer) {
    this.list = list;
    this.announcer = announcer;
    this.base = list.dataset.base || "";
    this.api = new PortalApi(this.base, "");
    this.delay = FIRST_DELAY_MS;
    this.timer = null;
    this.cursor = 0;
  }

  start() {
    document.addEventListener("visibilitychange", () => {
      if (document.hidden) {
        clearTimeout(this.timer);
      } else {
        this.delay = FIRST_DELAY_MS;
        this.schedule();
      }
    });
    this.schedule();
  }

  schedule() {
    clearTimeout(this.timer);
    if (this.unsettledIds().length === 0 || document.hidden) return;
    this.timer = setTimeout(() => this.poll(), this.delay);
  }

  unsettledIds() {
    const ids = new Set();
    for (const item of this.list.querySelectorAll("li[data-upload-id]")) {
      if (UNSETTLED.has(item.dataset.status)) ids.add(item.dataset.uploadId);
    }
    return Array.from(ids);
  }

  async poll() {
    const ids = this.unsettledIds();
    // Many open uploads are asked about a few at a time, in turn.
    const round = [];
    for (let i = 0; i < Math.min(PER_ROUND, ids.length); i += 1) {
      round.push(ids[(this.cursor + i) % ids.length]);
    }
    this.cursor += round.length;
    let changed = false;
    for (const id of round) {
      try {
        const status = await this.api.status(id);
        if (this.differs(id, status)) changed = true;
      } catch {
        // A failed poll changes nothing on the page; the next round asks again.
      }
    }
    if (changed) {
      await this.refresh().catch(() => {});
      this.delay = FIRST_DELAY_MS;
    } else {
      this.delay = Math.min(MAX_DELAY_MS, Math.round(this.delay * 1.5));
    }
    this.schedule();
  }

  // Does the server know something the page does not show yet?
  differs(id, status) {
    const entries = Array.from(this.list.querySelectorAll(`li[data-upload-id="${CSS.escape(id)}"]`));
    const videos = status.videos || [];
    if (videos.length === 0) {
      return entries.length !== 1 || entries[0].dataset.status !== status.status;
    }
    if (entries.length !== videos.length) return true;
    return videos.some((video) => {
      const entry = entries.find((e) => e.dataset.photoId === String(video.photo_id));
      return !entry || entry.dataset.status !== video.status;
    });
  }

  // Re-reads the list as the server renders it and swaps in the entries that changed.
  async refresh() {
    const response = await fetch(location.pathname + location.search, {
      credentials: "same-origin",
      cache: "no-store",
      headers: { Accept: "text/html" },
    });
    if (!response.ok) return;
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = page.querySelector("ol.uploads");
    if (!fresh) return;
    const news = [];
    const keep = new Set();
    let previous = null;
    for (const incoming of Array.from(fresh.children)) {
      keep.add(incoming.id);
      const current = incoming.id ? document.getElementById(incoming.id) : null;
      let node = current;
      if (!current || current.outerHTML !== incoming.outerHTML) {
        node = document.importNode(incoming, true);
        if (current) current.replaceWith(node);
        news.push(describe(node));
      }
      const expected = previous ? previous.nextElementSibling : this.list.firstElementChild;
      if (node !== expected) this.list.insertBefore(node, expected);
      previous = node;
    }
    for (const item of Array.from(this.list.children)) {
      if (!keep.has(item.id)) item.remove();
    }
    if (news.length > 0) this.announcer.textContent = news.join(" ");
  }
}

function describe(entry) {
  const title = entry.querySelector(".upload-title")?.textContent.trim() || t("an-upload");
  const badge = entry.querySelector(".badge")?.textContent.trim() || entry.dataset.status;
  return `“${title}”: ${badge}.`;
}

const list = document.querySelector("ol.uploads");
const announcer = document.querySelector(".announcer");
if (list && announcer && window.fetch && window.DOMParser) new HistoryPage(list, announcer).start();
