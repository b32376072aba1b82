// Recordings kept in IndexedDB while they are made: every `MediaRecorder` slice is written as it
// arrives, so a reload, a crashed tab or a closed laptop loses at most the last second, and a
// long recording never sits whole in the JavaScript heap (Chromium keeps stored blobs on disk;
// the File made from them refers to those, it does not copy them).

const DATABASE = "upload-portal-recordings";
const VERSION = 1;

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function finished(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new DOMException("aborted", "AbortError"));
  });
}

export function isQuotaError(error) {
  return error?.name === "QuotaExceededError";
}

export class SliceStore {
  static async open() {
    if (!window.indexedDB) return null;
    const req = indexedDB.open(DATABASE, VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      db.createObjectStore("recordings", { keyPath: "id", autoIncrement: true });
      db.createObjectStore("slices", { keyPath: ["recording", "index"] });
    };
    try {
      return new SliceStore(await request(req));
    } catch {
      return null; // private windows may refuse IndexedDB: record in memory only
    }
  }

  constructor(db) {
    this.db = db;
  }

  // A new recording's entry; `meta`: {startedAt (ms), mimeType, name}. Resolves with its id.
  async begin(meta) {
    const tx = this.db.transaction("recordings", "readwrite");
    const id = await request(tx.objectStore("recordings").add({ ...meta, durationMs: 0, slices: 0 }));
    await finished(tx);
    return id;
  }

  // One slice, and the length recorded so far, in one transaction.
  async add(id, index, blob, durationMs) {
    const tx = this.db.transaction(["recordings", "slices"], "readwrite");
    tx.objectStore("slices").put({ recording: id, index, blob });
    const recordings = tx.objectStore("recordings");
    const entry = await request(recordings.get(id));
    if (entry) recordings.put({ ...entry, durationMs, slices: index + 1 });
    await finished(tx);
  }

  async update(id, changes) {
    const tx = this.db.transaction("recordings", "readwrite");
    const recordings = tx.objectStore("recordings");
    const entry = await request(recordings.get(id));
    if (entry) recordings.put({ ...entry, ...changes });
    await finished(tx);
  }

  // Every kept recording with at least one slice, oldest first.
  async list() {
    const tx = this.db.transaction("recordings", "readonly");
    const all = await request(tx.objectStore("recordings").getAll());
    return all.filter((entry) => entry.slices > 0);
  }

  // The recording as one File made of its stored slices, in order.
  async file(id) {
    const tx = this.db.transaction(["recordings", "slices"], "readonly");
    const entry = await request(tx.objectStore("recordings").get(id));
    const range = IDBKeyRange.bound([id, 0], [id, Number.MAX_SAFE_INTEGER]);
    const slices = await request(tx.objectStore("slices").getAll(range));
    if (!entry) return null;
    return new File(slices.map((s) => s.blob), entry.name, { type: entry.mimeType, lastModified: entry.startedAt });
  }

  async discard(id) {
    const tx = this.db.transaction(["recordings", "slices"], "readwrite");
    tx.objectStore("recordings").delete(id);
    tx.objectStore("slices").delete(IDBKeyRange.bound([id, 0], [id, Number.MAX_SAFE_INTEGER]));
    await finished(tx);
  }
}
