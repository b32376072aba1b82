// What survives a reload, a closed tab or a crash: for each file being sent in chunks, which chunks
// 23 confirmed, kept in IndexedDB under the upload and the file (name, size, modification time).
// Choosing the same file again on the same upload's page sends only the chunks 23 does not have.
// A browser without IndexedDB (or a private window that refuses it) simply starts afresh.

import { el } from "../shared.js";
import { t } from "../messages.js";

const DATABASE = "upload-portal";
const STORE = "chunked-sends";

let opened = null;

function database() {
  if (!opened) {
    opened = new Promise((resolve) => {
      let request;
      try {
        request = indexedDB.open(DATABASE, 1);
      } catch {
        resolve(null);
        return;
      }
      request.onupgradeneeded = () => {
        const store = request.result.createObjectStore(STORE, { keyPath: "key" });
        store.createIndex("uploadId", "uploadId");
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => resolve(null);
      request.onblocked = () => resolve(null);
    });
  }
  return opened;
}

async function run(mode, action) {
  const db = await database();
  if (!db) return null;
  return new Promise((resolve) => {
    const tx = db.transaction(STORE, mode);
    const request = action(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(request?.result ?? null);
    tx.onerror = () => resolve(null);
    tx.onabort = () => resolve(null);
  });
}

// The same file, as far as a page can tell: picked again from the same place, unchanged.
export function fileKey(uploadId, file) {
  return `${uploadId}|${file.name}|${file.size}|${file.lastModified}`;
}

// {key, uploadId, name, size, lastModified, identifier, chunkSize, totalChunks, accepted: [n…]}
export function recall(uploadId, file) {
  return run("readonly", (store) => store.get(fileKey(uploadId, file)));
}

export function remember(record) {
  return run("readwrite", (store) => store.put({ ...record, savedAt: Date.now() }));
}

export function forget(key) {
  return run("readwrite", (store) => store.delete(key));
}

export async function unfinished(uploadId) {
  const found = await run("readonly", (store) => store.index("uploadId").getAll(String(uploadId)));
  return found || [];
}

// The offer shown above the file list after a reload: each unfinished file by name, how far it
// got, and a way to drop it. Choosing the file (button, drop, or the same input) continues it.
export class ResumeOffers {
  constructor(uploadId) {
    this.uploadId = uploadId;
    this.element = el("div", { class: "resume-offers", role: "status" });
    this.element.hidden = true;
    this.records = [];
  }

  async show() {
    const id = this.uploadId();
    if (!id) return;
    this.records = await unfinished(id);
    this.render();
  }

  // A file was chosen: an offer it answers goes away.
  taken(file) {
    const key = fileKey(this.uploadId(), file);
    this.records = this.records.filter((r) => r.key !== key);
    this.render();
  }

  render() {
    this.element.replaceChildren(...this.records.map((record) => this.offer(record)));
    this.element.hidden = this.records.length === 0;
  }

  offer(record) {
    const line = el("div", { class: "notice notice-warning resume-offer", "data-file-name": record.name });
    line.append(el("p", {}, t("resume-offer", { name: record.name, count: percentOf(record) })));
    const drop = el("button", { type: "button", class: "button button-small" }, t("resume-forget"));
    drop.append(el("span", { class: "visually-hidden" }, ` ${record.name}`));
    drop.addEventListener("click", async () => {
      await forget(record.key);
      this.records = this.records.filter((r) => r.key !== record.key);
      this.render();
    });
    line.append(drop);
    return line;
  }
}

export function percentOf(record) {
  if (!record.size) return 0;
  const confirmed = record.accepted.length * record.chunkSize;
  return Math.min(99, Math.floor((confirmed / record.size) * 100));
}
