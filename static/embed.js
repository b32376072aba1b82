// The host page's side of embedding: turns each `<div data-upload-portal>` into the portal's
// upload flow in an iframe, sizes the frame to its content, and re-dispatches the frame's upload
// events on the element. A classic script, not a module: the host's snippet is a plain
// `<script async>`, and a cross-origin module would need CORS.
//
// Messages: this page says hello to the frame (target: the portal's exact origin); the frame
// answers only a parent whose origin is in EMBED_ORIGINS, and this page reads only messages from
// the portal's origin sent by that frame. The identity token goes the same way (never in a URL,
// never posted by this page): asked for by the frame's first page, sent to the portal's origin.
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
    // Recording in the frame: the portal's own Permissions-Policy still limits these to itself.
    frame.allow = "camera; microphone; display-capture";
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
    // The frame's first page asks for the identity; the answer goes to the portal's origin only.
    window.addEventListener("message", (event) => {
      if (event.origin !== portal.origin || event.source !== frame.contentWindow) return;
      if ((event.data || {}).type !== "upload-portal:ready-to-open") return;
      frame.contentWindow.postMessage({
        type: "upload-portal:open",
        identity: element.dataset.identity || "",
        title: element.dataset.title || "",
        tags: element.dataset.tags || "",
        campaign: element.dataset.campaign || "",
      }, portal.origin);
    });
    // A fresh token set on the element (the host page renews it before the last one expires)
    // renews the frame's session without reloading it.
    new MutationObserver(() => {
      frame.contentWindow?.postMessage(
        { type: "upload-portal:identity", identity: element.dataset.identity || "" },
        portal.origin,
      );
    }).observe(element, { attributes: true, attributeFilter: ["data-identity"] });
    // The frame opens on the portal's own page, which takes the identity by message and posts it
    // from the portal's origin: a post from this page would carry `Origin: null` whenever this
    // page's Referrer-Policy is strict, and the portal refuses that.
    // data-theme and data-accent go in the address, so the first page is already in the host's
    // look; the portal checks both (three words, a #rrggbb colour) and ignores anything else.
    const src = new URL("embed/frame", portal);
    for (const name of ["theme", "accent"]) {
      if (element.dataset[name]) src.searchParams.set(name, element.dataset[name]);
    }
    frame.src = src.href;
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
