// The sandbox demo host page: lists the events the embedded uploader dispatches, as an
// operator's own page would listen for them. A classic script, like embed.js, for the same reason.
(() => {
  "use strict";
  const list = document.querySelector(".embed-demo-events");
  const names = ["created", "received", "failed", "ready"].map((n) => `upload-portal:${n}`);
  for (const name of names) {
    document.addEventListener(name, (event) => {
      const item = document.createElement("li");
      item.textContent = `${name} ${JSON.stringify(event.detail)}`;
      list?.append(item);
    });
  }
})();
