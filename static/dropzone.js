// Turns the plain file field into a drop zone: drag files onto it (or anywhere on the page), or
// press the button (the native input, visually hidden but still focusable and labelled).

import { formatBytes } from "./format.js";
import { el } from "./shared.js";
import { t } from "./messages.js";

export function buildDropZone(input, { maxFiles, maxSize, onFiles }) {
  const field = input.closest(".field");
  const zone = el("div", { class: "dropzone" });
  const title = el("p", { class: "dropzone-title" },
    t(maxFiles > 1 ? "drop-many" : "drop-one"));
  const or = el("p", { class: "dropzone-or" }, t("or"));
  const label = el("label", { class: "button button-primary dropzone-button", for: input.id },
    t(maxFiles > 1 ? "choose-many" : "choose-one"));
  const limits = [t("limit-size", { size: formatBytes(maxSize) })];
  if (maxFiles > 1) limits.push(t("limit-files", { count: maxFiles }));
  const help = el("p", { class: "help dropzone-help", id: "dropzone-help" }, `${limits.join(" · ")}.`);

  input.classList.add("visually-hidden");
  input.multiple = maxFiles > 1;
  input.required = false;
  input.setAttribute("aria-describedby", "dropzone-help file-help");
  // The button-like label names the input now; the field's own label goes, since two labels on
  // one control are read inconsistently (axe: form-field-multiple-labels).
  field.querySelector(`label[for="${input.id}"]`)?.remove();
  zone.append(title, or, input, label, help);
  field.prepend(zone);

  input.addEventListener("change", () => {
    if (input.files.length > 0) onFiles(Array.from(input.files));
    input.value = ""; // choosing the same file again (e.g. after a cancel) fires change again
  });

  let depth = 0; // dragenter/dragleave fire for every child crossed; count to know when we left
  zone.addEventListener("dragenter", (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth += 1;
    zone.classList.add("is-dragging");
  });
  zone.addEventListener("dragover", (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
  });
  zone.addEventListener("dragleave", () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) zone.classList.remove("is-dragging");
  });
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    depth = 0;
    zone.classList.remove("is-dragging");
    const files = Array.from(event.dataTransfer?.files || []);
    if (files.length > 0) onFiles(files);
  });
  // Anywhere on the page takes a dropped file (a file dropped next to the zone would otherwise
  // make the browser leave the page to show it); the zone lights up while one is dragged over.
  window.addEventListener("dragover", (event) => {
    if (!hasFiles(event) || zone.contains(event.target)) return;
    event.preventDefault();
    if (!input.disabled) {
      event.dataTransfer.dropEffect = "copy";
      zone.classList.add("is-dragging");
    }
  });
  window.addEventListener("dragleave", (event) => {
    if (event.relatedTarget === null && depth === 0) zone.classList.remove("is-dragging");
  });
  window.addEventListener("drop", (event) => {
    if (!hasFiles(event) || zone.contains(event.target)) return;
    event.preventDefault();
    zone.classList.remove("is-dragging");
    const files = Array.from(event.dataTransfer?.files || []);
    if (files.length > 0 && !input.disabled) onFiles(files);
  });
  return zone;
}

function hasFiles(event) {
  return Array.from(event.dataTransfer?.types || []).includes("Files");
}
