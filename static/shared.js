// What several scripts need and must do the same way: build an element, wait with a way out,
// say "cancelled" with one error type, and tell a service's plain-text answer from a page.

import { t } from "./messages.js";

// Thrown (or rejected with) when the visitor cancels; never a failure to report or retry.
export class Cancelled extends Error {
  constructor() {
    super(t("cancelled"));
    this.name = "Cancelled";
  }
}

export function el(tag, attributes = {}, text) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (text !== undefined) element.textContent = text;
  return element;
}

// Resolves after `ms`, or rejects with `Cancelled` as soon as `signal` (optional) aborts.
export function pause(ms, signal) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(new Cancelled());
    }
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

// The service's own short plain-text answer (an invalid or used-up token, a refused type), worth
// showing to the visitor; "" for an answer we could not read, an error page, or anything long.
export function plainAnswer(outcome) {
  if (!outcome?.answered) return "";
  const type = outcome.contentType || "";
  if (type !== "" && !type.startsWith("text/plain")) return "";
  const text = (outcome.text || "").trim();
  return text.length > 0 && text.length < 300 && !text.startsWith("<") ? text : "";
}
