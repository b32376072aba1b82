// The host page's side of embedding: turns each `<div data-upload-portal>` into the portal's
// upload flow in an iframe, sizes the frame to its content, and re-dispatches the frame's upload
// events on the element. A classic script, not a module: the host's snippet is a plain
// `<script async>`, and a cross-origin module would need CORS.
//
// Messages: this page says hello to the frame (target: the portal's exact origin); the frame
// answers only a parent whose origin is in EMBED_ORIGINS, and this page reads only messages from
// the portal's origin sent by that frame.
(() => {
  "use strict";

  const script = document.currentScript;
  if (!script || !script.src) return;
  // Where the portal lives, PUBLIC_URL's path included: ".../embed.js" -> ".../".
  const portal = new URL(".", script.src);
  const EVENTS = new Set([
    "upload-portal:created",
    "upload-portal:received",
    "upload-portal:failed",
    "upload-portal:ready",
  ]);
  let frames = 0;

  function mount(element) {
    if (element.dataset.uploadPortalMounted) return;
    element.dataset.uploadPortalMounted = "true";
    frames += 1;
    const name = `upload-portal-${frames}-${Math.random().toString(36).slice(2)}`;
    const frame = document.createElement("iframe");
    frame.name = name;
    frame.title = "Upload a video";
    frame.setAttribute("scrolling", "no"); // the frame is sized to its content instead
    frame.style.cssText = "display:block;width:100%;height:420px;border:0;overflow:hidden;";
    element.replaceChildren(frame); // the fallback link inside the element gives way

    const seen = new Set(); // a page of the frame reports each event once per upload and video
    window.addEventListener("message", (event) => {
      if (event.origin !== portal.origin || event.source !== frame.contentWindow) return;
      const data = event.data || {};
      if (data.type === "upload-portal:size" && Number.isFinite(data.height)) {
        frame.style.height = `${Math.max(0, Math.ceil(data.height))}px`;
      } else if (data.type === "upload-portal:event" && EVENTS.has(data.name)) {
        const detail = data.detail || {};
        const key = `${data.name} ${detail.upload_id} ${detail.photo_id ?? ""}`;
        if (seen.has(key)) return;
        seen.add(key);
        element.dispatchEvent(new CustomEvent(data.name, { detail, bubbles: true }));
      }
    });
    // Each page the frame loads waits for this before it talks to its parent.
    frame.addEventListener("load", () => {
      frame.contentWindow.postMessage({ type: "upload-portal:hello" }, portal.origin);
    });
    open(element, frame, name);
  }

  // A form post, not a URL: the identity token stays out of addresses, logs and histories.
  function open(element, frame, name) {
    const form = document.createElement("form");
    form.method = "post";
    form.action = new URL("embed", portal).href;
    form.target = name;
    form.hidden = true;
    const fields = {
      identity: element.dataset.identity || "",
      title: element.dataset.title || "",
      tags: element.dataset.tags || "",
      campaign: element.dataset.campaign || "",
    };
    for (const [key, value] of Object.entries(fields)) {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = key;
      input.value = value;
      form.append(input);
    }
    element.append(form); // kept: some browsers drop a submission whose form is removed at once
    form.submit();
  }

  function mountAll() {
    document.querySelectorAll("[data-upload-portal]").forEach(mount);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mountAll);
  } else {
    mountAll();
  }
})();
