// The host's identity token, carried from the host page into the frame by message and sent to
// the portal from the portal's own pages. The host page never posts to the portal itself: a
// post from a host page with a strict Referrer-Policy arrives with `Origin: null`, which the
// portal refuses (an opaque-origin frame inside a listed page, an ad or a sandbox, looks the
// same). Here the browser vouches for the host's origin (`event.origin`), and our post is
// same-origin.
//
// Messages from the parent, only from a listed origin and only from the window that framed us:
// on the frame's first page (/embed/frame), its hello is answered with a request for the
// identity, and `upload-portal:open` then submits the opening form; on any page,
// `upload-portal:identity` is a fresh token that renews the frame session.

const meta = document.querySelector('meta[name="upload-portal-embed-origins"]');
const allowed = new Set((meta?.content || "").split(/\s+/).filter(Boolean));
const base = new URL("..", import.meta.url).pathname.replace(/\/$/, "");

function fromParent(event) {
  return event.source === window.parent && allowed.has(event.origin);
}

function open(form, event) {
  const data = event.data || {};
  for (const name of ["identity", "title", "tags", "campaign"]) {
    form.elements[name].value = typeof data[name] === "string" ? data[name] : "";
  }
  form.elements.host_origin.value = event.origin;
  form.submit();
}

async function renew(event) {
  const identity = typeof event.data?.identity === "string" ? event.data.identity : "";
  const body = new URLSearchParams({ identity, host_origin: event.origin });
  try {
    await fetch(`${base}/embed/identity`, { method: "POST", body, credentials: "same-origin" });
  } catch {
    // offline for a moment: the host page's next token tries again
  }
}

if (window.parent !== window && allowed.size > 0) {
  const form = document.querySelector("form.embed-open");
  let opened = false;
  window.addEventListener("message", (event) => {
    if (!fromParent(event)) return;
    const type = event.data?.type;
    if (type === "upload-portal:hello" && form && !opened) {
      // Ask for the opening message, of the parent that introduced itself and no other window.
      window.parent.postMessage({ type: "upload-portal:ready-to-open" }, event.origin);
    } else if (type === "upload-portal:open" && form && !opened) {
      opened = true;
      open(form, event);
    } else if (type === "upload-portal:identity") {
      renew(event);
    }
  });
}
