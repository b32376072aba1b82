// Tags as chips (issue 21 §6): a comma, Enter or a space ends one; its cross or Backspace takes it
// off.
// The form still posts 23's space-separated list in the same `tags` field (now hidden), kept in
// step with every key, so the server, the autosave and the no-JS path see what they always saw.

import { el } from "./shared.js";
import { t } from "./messages.js";

// What the server strips from a tag without a word (control and invisible characters, as
// uploads::metadata does): such a tag is refused with a message instead of silently changed.
const UNKEEPABLE = /[\p{Cc}\u061C\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/u;
const SEPARATORS = /[\s,]+/u;

export function enhanceTags(field) {
  if (field.dataset.chips) return;
  field.dataset.chips = "on";
  const tags = field.value.split(SEPARATORS).filter(Boolean);
  const typing = el("input", {
    type: "text",
    id: field.id,
    class: "tag-typing",
    autocomplete: "off",
    enterkeyhint: "done",
  });
  const hint = el("p", { class: "tag-hint", id: `${field.id}-hint` }, t("tags-hint"));
  const problem = el("p", { class: "field-error tag-problem", id: `${field.id}-problem`, hidden: "" });
  // A refusal the server wrote under the field stays the field's description.
  const described = [field.getAttribute("aria-describedby"), hint.id, problem.id];
  typing.setAttribute("aria-describedby", described.filter(Boolean).join(" "));
  if (field.getAttribute("aria-invalid")) typing.setAttribute("aria-invalid", "true");
  const list = el("ul", { class: "tag-chips", "aria-label": t("tags-chosen") });
  const box = el("div", { class: "tag-box" });
  box.append(list, typing);
  field.removeAttribute("id");
  field.type = "hidden";
  field.after(box, hint, problem);

  // The tags and what is being typed, unless that is refused (it stays in the box, with why).
  const sync = () => {
    const typed = typing.value.trim();
    const value = [...tags, UNKEEPABLE.test(typed) ? "" : typed].filter(Boolean).join(" ");
    if (field.value === value) return;
    field.value = value;
    field.dispatchEvent(new Event("input", { bubbles: true }));
  };
  const draw = () => {
    list.replaceChildren(
      ...tags.map((tag, i) => {
        // The cross is drawn in CSS: a symbol character would be the button's visible "text".
        const remove = el("button", { type: "button", class: "tag-remove", "data-tag": tag });
        remove.append(el("span", { class: "visually-hidden" }, t("tag-remove", { name: tag })));
        remove.addEventListener("click", () => {
          tags.splice(i, 1);
          changed();
          typing.focus();
        });
        const chip = el("li", { class: "tag-chip" });
        chip.append(el("span", {}, tag), remove);
        return chip;
      }),
    );
  };
  const changed = () => {
    draw();
    sync();
  };
  // Ends every finished tag in the box; an unkeepable one stays typed, with the reason shown.
  const commit = (keepLast) => {
    if (typing.value.trim() === "" && problem.hidden) return;
    const parts = typing.value.split(SEPARATORS);
    const last = keepLast ? parts.pop() : "";
    const refused = [];
    for (const part of parts.filter(Boolean)) {
      if (UNKEEPABLE.test(part)) refused.push(part);
      else if (!tags.includes(part)) tags.push(part);
    }
    typing.value = [...refused, last].filter(Boolean).join(" ");
    problem.hidden = refused.length === 0;
    problem.textContent = refused.length ? t("tag-refused", { name: refused[0] }) : "";
    if (refused.length) typing.setAttribute("aria-invalid", "true");
    else typing.removeAttribute("aria-invalid");
    changed();
  };

  typing.addEventListener("keydown", (event) => {
    if ((event.key === "Enter" && typing.value.trim() !== "") || event.key === ",") {
      event.preventDefault();
      commit(false);
    } else if (event.key === "Backspace" && typing.value === "" && tags.length > 0) {
      tags.pop();
      changed();
    }
  });
  // A space, a pasted list or a comma typed by a phone keyboard (no keydown key) end tags too.
  typing.addEventListener("input", () => {
    if (SEPARATORS.test(typing.value)) commit(!/[\s,]$/u.test(typing.value));
    else sync();
  });
  // No commit on blur: what is typed is already in the field, and turning it into a chip then
  // could move the button being pressed from under the pointer.
  draw();
}

export function enhanceAllTags(root = document) {
  for (const field of root.querySelectorAll('input[type="text"][name="tags"]')) enhanceTags(field);
}

// Every page with a tags field loads this module (the send page and `/` through their own).
enhanceAllTags();
