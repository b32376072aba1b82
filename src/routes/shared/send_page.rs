//! The send page: the form that posts the file straight to 23, and the form that corrects the
//! details. Shown fresh, and again with the visitor's corrections kept when 23 could not take
//! them (or their budget is spent).

use actix_session::Session;
use askama::Template;

use crate::config::RecordingSettings;
use crate::flows::campaigns::campaign_of_upload;
use crate::page::{Layout, human_time, machine_time};
use crate::routes::shared::campaign_look::campaign_layout;
use crate::session::csrf_token;
use crate::state::AppState;
use crate::store::StoreError;
use crate::uploads::{Metadata, Upload, now};

#[derive(Template)]
#[template(path = "send.html")]
pub struct SendPage {
    pub layout: Layout,
    pub upload: Upload,
    pub expired: bool,
    /// How many more files this token takes.
    pub remaining: u32,
    pub expires_human: String,
    pub expires_machine: String,
    pub csrf_token: String,
    pub sending: Sending,
    /// Recording limits, for `parts/recorder.html`.
    pub recording: RecordingSettings,
    /// The prompt of the campaign this upload belongs to, in paragraphs (empty: none). Shown
    /// above the form, and kept beside the recorder's picture while recording.
    pub prompt: Vec<String>,
    /// What the correction form shows: the upload's details, or the visitor's unsaved ones.
    pub details: Metadata,
    /// Why the visitor's corrections were not saved, in English (the page translates it).
    pub details_problem: Option<&'static str>,
    /// What the campaign says once the video is sent, in paragraphs (empty: the default
    /// sentence), and where it offers to take the visitor next.
    pub thanks: Vec<String>,
    pub thank_you_url: Option<String>,
    /// The campaign's own file size limit, as the page states it.
    pub size_limit: Option<String>,
}

/// How the page's scripts send files: the operator's limits in bytes and 23's redeem address.
/// Both pages that send files (the send page, and `/` sending the file first) carry the same.
#[derive(Debug, Clone)]
pub struct Sending {
    /// `{23 site}/api/photo/redeem-upload-token`.
    pub action: String,
    pub max_file_bytes: u64,
    pub chunked_above_bytes: u64,
    pub chunk_size_bytes: u64,
}

impl Sending {
    pub fn new(state: &AppState) -> Self {
        Sending {
            action: state.links.redeem_upload_token(),
            max_file_bytes: u64::from(state.uploads.max_file_mb) << 20,
            chunked_above_bytes: u64::from(state.uploads.chunked_above_mb) << 20,
            chunk_size_bytes: u64::from(state.uploads.chunk_size_mb) << 20,
        }
    }
}

impl SendPage {
    /// The page for this upload as it stands.
    pub async fn new(
        state: &AppState,
        session: &Session,
        upload: Upload,
    ) -> Result<Self, StoreError> {
        let photos = state.store.photos_of(upload.id).await?;
        let remaining = upload.max_uploads.saturating_sub(photos.len() as u32);
        let campaign = campaign_of_upload(state, upload.id).await?;
        let prompt = campaign
            .as_ref()
            .map(|c| c.settings.prompt_paragraphs())
            .unwrap_or_default();
        let settings = campaign.as_ref().map(|c| &c.settings);
        let mut recording = state.recording.clone();
        // A campaign's own length limit is the more specific one; a minimum it leaves no room
        // for is dropped rather than contradicting it.
        if let Some(max) = settings.and_then(|s| s.max_recording_secs) {
            recording.max_seconds = max;
            recording.min_seconds = recording.min_seconds.filter(|min| *min < max);
        }
        let mut sending = Sending::new(state);
        // A campaign's own size limit is the more specific one too. Where it is enforced: the
        // page (its scripts refuse a larger file before a byte is sent, and the form says the
        // limit). The file itself goes from the browser straight to 23, which applies only its
        // own limits (4 GB in one piece); a visitor who bypasses the page can send 23 a larger
        // file, and nothing on our side sees its bytes to stop it.
        if let Some(mb) = settings.and_then(|s| s.max_file_mb) {
            sending.max_file_bytes = u64::from(mb) << 20;
        }
        Ok(SendPage {
            layout: campaign_layout(state, session, campaign.as_ref()),
            thanks: settings
                .map(|s| s.thank_you_paragraphs())
                .unwrap_or_default(),
            thank_you_url: settings.and_then(|s| s.thank_you_url.clone()),
            size_limit: settings
                .and_then(|s| s.max_file_mb)
                .map(crate::page::size_limit_label),
            // 23 refuses an expired token with a bare error page; offer a fresh one instead.
            expired: remaining > 0 && now() > upload.valid_until,
            remaining,
            expires_human: human_time(upload.valid_until),
            expires_machine: machine_time(upload.valid_until),
            csrf_token: csrf_token(session),
            sending,
            recording,
            prompt,
            details: upload.metadata.clone(),
            details_problem: None,
            upload,
        })
    }

    /// The heading once the video is sent: a campaign's thank-you is headed "Thank you!".
    pub fn sent_heading(&self) -> String {
        match self.thanks.is_empty() {
            true => self.layout.t("send-heading-sent"),
            false => self.layout.t("campaign-thanks-title"),
        }
    }

    /// The same page with the visitor's corrections in the form, and why they were not saved.
    pub fn with_unsaved_details(mut self, details: Metadata, problem: &'static str) -> Self {
        self.details = details;
        self.details_problem = Some(problem);
        self
    }
}
