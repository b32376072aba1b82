// `/` with JavaScript: the file comes first. Choosing, dropping (anywhere on the page) or
// recording a file mints the upload link at once, with the visitor's title or else the file's
// name, and sends with the same machinery as the send page; the details form below then edits the
// upload on its way (saved as the visitor goes). The address becomes the upload's send page, so
// a reload lands where the send can be continued. Without JavaScript the form above stays hidden
// and the two steps (details, then the file) apply.

import { enhanceDetailsForm } from "./details-editor.js";
import { pageCsrfToken, PortalApi } from "./portal-api.js";
import { UploadFailure } from "./send-file.js";
import { SendPage } from "./send-page.js";
import { el } from "./shared.js";
import { t } from "./messages.js";

const AUTOSAVE_AFTER_MS = 1200;

class FileFirstPage {
  constructor(uploadForm, detailsForm) {
    this.uploadForm = uploadForm;
    this.detailsForm = detailsForm;
    this.base = uploadForm.dataset.base || "";
    this.api = new PortalApi(this.base, pageCsrfToken());
    this.minting = null;
    this.minted = null;
    this.fileChosen = false;
  }

  start() {
    this.uploadForm.hidden = false;
    const lead = document.querySelector(".card .lead");
    if (lead) lead.textContent = t("file-first-lead");
    // Until a file is chosen the details form still works on its own (details first, then the
    // file on the send page); from then on it edits the upload being sent.
    this.detailsForm.addEventListener("submit", (event) => {
      if (this.fileChosen && !this.minted) event.preventDefault();
    });
    this.page = new SendPage(this.uploadForm, { ensureLink: (file) => this.ensureLink(file) });
    const addFiles = this.page.addFiles.bind(this.page);
    this.page.addFiles = (files) => {
      this.chose();
      addFiles(files);
    };
    // Recording (static/recorder/mount.js, when this build has it) is mounted by SendPage.start
    // from the page's `.recorder-sources`, so a recording joins the same list.
    this.page.start();
  }

  // A file is on its way: the details form's own button would start a second upload.
  chose() {
    if (this.fileChosen) return;
    this.fileChosen = true;
    this.detailsButton().hidden = true;
  }

  detailsButton() {
    return this.detailsForm.querySelector('button[type="submit"]');
  }

  // The upload link, made once for every file of this page; a failed try may be tried again.
  ensureLink(file) {
    if (this.minted) return Promise.resolve(this.minted);
    if (!this.minting) {
      this.minting = this.mint(file).catch((error) => {
        this.minting = null;
        throw error;
      });
    }
    return this.minting;
  }

  async mint(file) {
    await this.consentGiven();
    const title = this.detailsForm.querySelector('[name="title"]');
    if (title.value.trim() === "") title.value = withoutExtension(file.name);
    const fields = new URLSearchParams(new FormData(this.detailsForm));
    this.sentDetails = detailsOf(this.detailsForm);
    let minted;
    try {
      minted = await this.api.post("/uploads", fields);
    } catch (error) {
      throw new UploadFailure(error.message);
    }
    const form = this.uploadForm;
    form.querySelector('input[name="upload_token"]').value = minted.upload_token;
    form.dataset.uploadId = String(minted.id);
    form.dataset.expiresAt = new Date(minted.valid_until * 1000).toISOString();
    this.page.remainingFromServer(minted.remaining);
    if (minted.send_url) history.replaceState(null, "", minted.send_url);
    this.minted = minted;
    this.editWhileSending();
    return minted;
  }

  // Where the operator asks for consent (CONSENT_TEXT), no link is made before the box is
  // ticked: the file waits, the box says why, and sending starts the moment it is ticked.
  consentGiven() {
    const box = this.detailsForm.querySelector('input[name="consent"]');
    if (!box || box.checked) return Promise.resolve();
    const field = box.closest(".field");
    let note = field.querySelector(".consent-wait");
    if (!note) {
      note = el("p", { class: "field-error consent-wait", id: "consent-wait" }, t("consent-wait"));
      field.append(note);
    }
    field.classList.add("has-error");
    box.setAttribute("aria-describedby", "consent-wait");
    this.page.announce(t("consent-wait"));
    return new Promise((resolve) => {
      const ticked = () => {
        if (!box.checked) return;
        box.removeEventListener("change", ticked);
        field.classList.remove("has-error");
        box.removeAttribute("aria-describedby");
        note.remove();
        resolve();
      };
      box.addEventListener("change", ticked);
    });
  }

  // The details form now corrects the upload in flight, saving a moment after each change.
  editWhileSending() {
    const form = this.detailsForm;
    form.action = `${this.base}/uploads/${this.page.uploadId()}/details`;
    form.classList.add("is-editing");
    // In a host page's frame the details beyond the title were folded to keep it short.
    form.querySelector("details.more-details")?.setAttribute("open", "");
    // Visibility is chosen with the link; the details route changes title, description and tags.
    const visibility = form.querySelector("fieldset");
    if (visibility) visibility.disabled = true;
    const consent = form.querySelector('input[name="consent"]');
    if (consent) consent.disabled = true;
    const note = el("p", { class: "notice details-note" }, t("file-first-details"));
    if (Number(this.uploadForm.dataset.maxFiles) > 1) note.append(` ${t("details-apply-all")}`);
    form.prepend(note);
    const button = this.detailsButton();
    button.textContent = t("save-details");
    button.classList.remove("button-primary");
    button.hidden = false;
    enhanceDetailsForm(form, {
      api: this.api,
      uploadId: () => this.page.uploadId(),
      announce: (text) => this.page.announce(text),
    });
    let timer = null;
    const saveSoon = () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.saveIfChanged(), AUTOSAVE_AFTER_MS);
    };
    form.addEventListener("input", saveSoon);
    form.addEventListener("change", saveSoon);
    // Typed while the link was being made: not in the link yet.
    this.saveIfChanged();
  }

  saveIfChanged() {
    const now = detailsOf(this.detailsForm);
    if (now === this.sentDetails) return;
    this.sentDetails = now;
    this.detailsForm.requestSubmit();
  }

}

// What the details route changes, to tell whether anything is left to save.
function detailsOf(form) {
  return ["title", "description", "tags"]
    .map((name) => form.querySelector(`[name="${name}"]`)?.value.trim() ?? "")
    .join("\n");
}

function withoutExtension(name) {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(0, dot) : name;
}

const uploadForm = document.querySelector("form.upload-form.file-first");
const detailsForm = document.querySelector("form.metadata-form");
if (uploadForm && detailsForm && window.DataTransfer && window.FormData) {
  new FileFirstPage(uploadForm, detailsForm).start();
}
