// The frame's side of embedding, on every page of the portal while it sits in a host page's
// iframe: waits for the parent to say hello from an origin in EMBED_ORIGINS, then tells that
// origin (and no other) the page's height and what became of the uploads shown here. Outside a
// frame, or with embedding off, it does nothing.

const HELLO = "upload-portal:hello";
const POLL_MS = 2000;
// A page left open for hours stops asking; the history shows the outcome when it is opened.
const POLL_FOR_MS = 2 * 60 * 60 * 1000;
const OPEN = new Set(["pending", "unverified", "uploaded"]);

const meta = document.querySelector('meta[name="upload-portal-embed-origins"]');
const allowed = new Set((meta?.content || "").split(/\s+/).filter(Boolean));
// "/static/embed-frame.js" sits under the portal's base path.
const base = new URL("..", import.meta.url).pathname.replace(/\/$/, "");

class Parent {
  constructor() {
    this.origin = null;
  }

  // Only the window that framed us, and only from a listed origin, can become our parent.
  listen(onHello) {
    window.addEventListener("message", (event) => {
      if (event.source !== window.parent || !allowed.has(event.origin)) return;
      if (event.data?.type !== HELLO || this.origin) return;
      this.origin = event.origin;
      onHello();
    });
  }

  // Nothing is said before the parent's hello: until then no origin is known to be listening.
  post(message) {
    if (this.origin) window.parent.postMessage(message, this.origin);
  }

  event(name, detail) {
    this.post({ type: "upload-portal:event", name: `upload-portal:${name}`, detail });
  }
}

// The page's own height: html is not stretched to the frame, so the frame can shrink too.
function watchHeight(parent) {
  let last = -1;
  const report = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last || !parent.origin) return;
    last = height;
    parent.post({ type: "upload-portal:size", height });
  };
  new ResizeObserver(report).observe(document.documentElement);
  return report;
}

// data-title / data-tags of the host's element arrive as the first page's query.
function prefill() {
  const params = new URLSearchParams(location.search);
  for (const name of ["title", "tags"]) {
    const field = document.querySelector(`form.metadata-form [name="${name}"]`);
    if (field && !field.value && params.get(name)) field.value = params.get(name);
  }
}

// The uploads this page is about: the send page's own, the one 23's return landed on in the
// history (#upload-N), or every still-open one of the history.
function uploadsOnThisPage() {
  const send = location.pathname.match(/\/uploads\/(\d+)\/send$/);
  if (send) return { ids: [Number(send[1])], created: true };
  const anchor = location.hash.match(/^#upload-(\d+)/);
  if (anchor) return { ids: [Number(anchor[1])], created: false };
  const open = Array.from(document.querySelectorAll("li[data-upload-id][data-status]"))
    .filter((li) => OPEN.has(li.dataset.status))
    .map((li) => Number(li.dataset.uploadId));
  return { ids: [...new Set(open)], created: false };
}

function eventDetail(upload, video) {
  const detail = { upload_id: upload.upload_id, title: upload.title, status: upload.status };
  if (upload.error_message) detail.error_message = upload.error_message;
  if (video) {
    Object.assign(detail, { status: video.status, photo_id: video.photo_id });
    for (const key of ["tree_id", "token", "video_url", "thumbnail_url"]) {
      if (video[key] != null) detail[key] = video[key];
    }
  }
  return detail;
}

async function watchUpload(parent, id, reportCreated) {
  const started = Date.now();
  for (let first = true; Date.now() - started < POLL_FOR_MS; first = false) {
    let upload = null;
    try {
      const response = await fetch(`${base}/embed/uploads/${id}`, { credentials: "same-origin", cache: "no-store" });
      if (response.ok) upload = await response.json();
    } catch {
      // offline for a moment: ask again next round
    }
    if (upload) {
      if (first && reportCreated && upload.status === "pending") parent.event("created", eventDetail(upload));
      for (const video of upload.videos) {
        if (video.status === "uploaded" || video.status === "ready") parent.event("received", eventDetail(upload, video));
        if (video.status === "ready") parent.event("ready", eventDetail(upload, video));
      }
      if (upload.status === "failed") parent.event("failed", eventDetail(upload));
      const settled = upload.videos.length > 0 && upload.remaining === 0 &&
        upload.videos.every((video) => video.status === "ready");
      if (settled || upload.status === "failed" || upload.status === "expired") return;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

// A link to another site (a video's page at 23, the operator's terms) would load that site
// into the frame, which most refuse: it opens in a tab of its own, leaving the host page and any
// upload still running in the frame as they are. Links of the flow stay in the frame.
function openOtherSitesInATab() {
  document.addEventListener("click", (event) => {
    const link = event.target.closest?.("a[href]");
    if (!link || link.target || new URL(link.href, location.href).origin === location.origin) return;
    link.target = "_blank";
    link.rel = `${link.rel} noopener`.trim();
  }, true);
}

if (window.parent !== window && allowed.size > 0) {
  const parent = new Parent();
  document.documentElement.classList.add("embedded");
  openOtherSitesInATab();
  prefill();
  const report = watchHeight(parent);
  parent.listen(() => {
    report();
    const { ids, created } = uploadsOnThisPage();
    for (const id of ids) watchUpload(parent, id, created);
  });
}
