// The upload link the send page sends files with: 23's token, this site's upload id and the
// token's deadline. They live in the form (hidden field and data attributes), the one record
// every reader sees, so a renewal changes them for everyone at once.

import { UploadFailure } from "./send-file.js";
import { localReading } from "./local-time.js";
import { language, t } from "./messages.js";

// A token this close to its end is renewed before a file is sent with it.
const RENEW_WHEN_LEFT_MS = 2 * 60 * 1000;

export class UploadLink {
  constructor(form, api) {
    this.form = form;
    this.api = api;
    this.tokenInput = form.querySelector('input[name="upload_token"]');
  }

  token() {
    return this.tokenInput.value;
  }

  id() {
    return this.form.dataset.uploadId;
  }

  // The photo ids this site already knows for the link (empty if it cannot be asked now), and
  // how many more files the token takes (null if unknown).
  async known() {
    try {
      const status = await this.api.status(this.id());
      return { videos: new Set((status.videos || []).map((v) => v.photo_id)), remaining: status.remaining };
    } catch {
      return { videos: new Set(), remaining: null }; // the check after the upload still finds it
    }
  }

  // Renews the token when it has less than two minutes left; true when it did.
  async renewIfClose() {
    const expiresAt = Date.parse(this.form.dataset.expiresAt);
    if (!(expiresAt - Date.now() < RENEW_WHEN_LEFT_MS)) return false;
    return this.renew(expiresAt);
  }

  // A fresh token with the same details, now; true when it was made. `expiresAt` (the old
  // token's end) decides whether a failed renewal may still go on with the old one.
  async renew(expiresAt = Date.parse(this.form.dataset.expiresAt)) {
    let fresh;
    try {
      fresh = await this.api.renew(this.id());
    } catch (error) {
      if (expiresAt > Date.now()) return false; // still valid for a little while: try with it
      throw new UploadFailure(t("renew-failed", { reason: error.message }));
    }
    this.tokenInput.value = fresh.upload_token;
    this.form.dataset.uploadId = String(fresh.id);
    const until = new Date(fresh.valid_until * 1000);
    this.form.dataset.expiresAt = until.toISOString();
    // A reload shows the renewed upload, not the old link's "expired" offer.
    if (fresh.send_url) history.replaceState(null, "", fresh.send_url);
    const time = this.form.querySelector(".expiry time");
    if (time) {
      time.dateTime = this.form.dataset.expiresAt;
      time.textContent = localReading(time) || until.toLocaleString(language);
    }
    return true;
  }
}
