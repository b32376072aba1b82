// The way to send a file that needs no CORS: an ordinary form POST, aimed at a hidden iframe so
// the page stays put. 23 answers with its redirect back to this site, the callback is recorded
// there as for any form upload, and the frame's final page (which refuses to be framed) is never
// shown. The frame's load event only says "the exchange ended"; what happened is then asked of
// this site. No progress can be had this way, so the visitor sees an indeterminate bar.

import { Cancelled } from "./shared.js";
import { t } from "./messages.js";

let frameCount = 0;

// Resolves once the frame finished loading the answer; rejects with `Cancelled` on abort.
export function postThroughFrame(url, fields, file, { signal } = {}) {
  return new Promise((resolve, reject) => {
    frameCount += 1;
    const name = `upload-frame-${frameCount}`;
    const frame = document.createElement("iframe");
    frame.name = name;
    frame.title = t("upload-channel");
    frame.hidden = true;
    frame.tabIndex = -1;
    document.body.append(frame);

    const form = document.createElement("form");
    form.method = "post";
    form.enctype = "multipart/form-data";
    form.action = url;
    form.target = name;
    form.hidden = true;
    for (const [fieldName, value] of Object.entries(fields)) {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = fieldName;
      input.value = String(value);
      form.append(input);
    }
    const input = document.createElement("input");
    input.type = "file";
    input.name = "file";
    // A file chosen elsewhere (another input, a drop) can be handed to a new input this way.
    const transfer = new DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
    form.append(input);
    document.body.append(form);

    const cleanUp = () => {
      signal?.removeEventListener("abort", onAbort);
      form.remove();
      // Removing the frame later lets the browser finish with it; removing it now would cancel.
      setTimeout(() => frame.remove(), 0);
    };
    const onAbort = () => {
      frame.removeEventListener("load", onLoad);
      frame.src = "about:blank"; // stops the POST in flight
      cleanUp();
      reject(new Cancelled());
    };
    const onLoad = () => {
      if (isInitialBlankPage(frame)) return; // some browsers report the empty frame's own load
      frame.removeEventListener("load", onLoad);
      cleanUp();
      resolve();
    };

    if (signal?.aborted) {
      cleanUp();
      reject(new Cancelled());
      return;
    }
    signal?.addEventListener("abort", onAbort);
    frame.addEventListener("load", onLoad);
    form.submit();
  });
}

function isInitialBlankPage(frame) {
  try {
    return frame.contentWindow.location.href === "about:blank";
  } catch {
    return false; // another origin (or an error page): the form's answer has arrived
  }
}
