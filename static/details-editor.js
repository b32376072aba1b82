// "Correct the title, description or tags" on the send page, saved without leaving it: leaving
// would cut off an upload in flight. Without JavaScript the same form posts and comes back.

import { el } from "./shared.js";
import { t } from "./messages.js";

export function enhanceDetailsForm(form, { api, uploadId, announce }) {
  const message = form.querySelector(".details-message");
  const button = form.querySelector('button[type="submit"]');
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const fields = new FormData(form);
    const title = String(fields.get("title") || "").trim();
    if (title === "") {
      show(message, t("title-empty"), true);
      form.querySelector('[name="title"]').focus();
      return;
    }
    button.disabled = true;
    show(message, t("saving"), false);
    try {
      // Renewal may have moved the page to a new upload since it was rendered.
      await api.post(`/uploads/${uploadId()}/details`, new URLSearchParams(fields));
      updateSummary({
        title,
        description: String(fields.get("description") || "").trim(),
        tags: String(fields.get("tags") || "").trim(),
      });
      show(message, t("saved"), false);
      announce?.(t("details-saved"));
    } catch (error) {
      show(message, error.message, true);
    } finally {
      button.disabled = false;
    }
  });
}

function show(message, text, isError) {
  message.textContent = text;
  message.classList.toggle("is-error", isError);
}

// The summary at the top of the page shows what 23 now has.
function updateSummary({ title, description, tags }) {
  const summary = document.querySelector("dl.summary");
  if (!summary) return;
  const entries = [["title", title], ["description", description], ["tags", tags]];
  summary.replaceChildren(
    ...entries
      .filter(([, value]) => value !== "")
      .flatMap(([term, value]) => [
        el("dt", {}, t(`field-${term}`)),
        el("dd", term === "description" ? { class: "multiline" } : {}, value),
      ]),
  );
}
