// The history page keeps itself current: while some upload is still on its way (pending,
// unverified, uploaded but not yet ready) the page asks the server for itself again, sending the
// version it shows (If-None-Match). An unchanged history is answered 304 before anything is
// read or rendered; a changed one comes back whole, and only the changed entries are swapped, so
// focus and scroll stay put. Screen readers hear one sentence per change.

import { localizeTimes } from "./local-time.js";
import { t } from "./messages.js";

const UNSETTLED = new Set(["pending", "unverified", "uploaded"]);
const FIRST_DELAY_MS = 3000;
const MAX_DELAY_MS = 60000;

class HistoryPage {
  constructor(list, announcer) {
    this.list = list;
    this.announcer = announcer;
    this.delay = FIRST_DELAY_MS;
    this.timer = null;
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
    if (!this.hasUnsettled() || document.hidden) return;
    this.timer = setTimeout(() => this.poll(), this.delay);
  }

  hasUnsettled() {
    return Array.from(this.list.querySelectorAll("li[data-upload-id]")).some((item) =>
      UNSETTLED.has(item.dataset.status),
    );
  }

  async poll() {
    // A failed poll changes nothing on the page; the next round asks again.
    const changed = await this.refresh().catch(() => false);
    this.delay = changed ? FIRST_DELAY_MS : Math.min(MAX_DELAY_MS, Math.round(this.delay * 1.5));
    this.schedule();
  }

  // Asks for the list as the server renders it, unless it is still the version shown, and swaps
  // in the entries that changed. True when an entry changed.
  async refresh() {
    const headers = { Accept: "text/html" };
    if (this.list.dataset.version) headers["If-None-Match"] = this.list.dataset.version;
    const response = await fetch(location.pathname + location.search, {
      credentials: "same-origin",
      cache: "no-store",
      headers,
    });
    if (response.status === 304 || !response.ok) return false;
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = page.querySelector("ol.uploads");
    if (!fresh) return false;
    // Read as the shown entries are (local times), or every entry would look changed.
    localizeTimes(fresh);
    this.list.dataset.version = fresh.dataset.version || "";
    const news = this.swap(fresh);
    if (news.length > 0) this.announcer.textContent = news.join(" ");
    return news.length > 0;
  }

  // Makes the list match `fresh` entry by entry; answers one sentence per changed entry.
  swap(fresh) {
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
    return news;
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
