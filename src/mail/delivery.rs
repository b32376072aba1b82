//! The mail job's core: claim what is due, write the mail from the uploads as they stand now,
//! send it, record how it ended. The job (in `jobs`) decides when to call `send_due` and makes
//! sure one instance at a time does; this decides what an attempt is.

use std::time::Duration;

use url::Url;

use super::message::{Notice, compose};
use super::settings::{DIGEST_PERIOD, MailSettings, NotifyMode};
use super::transport::{Mailer, TIMEOUT};
use crate::store::{ClaimedNotice, DueNotice, Store, StoreResult};
use crate::uploads::Review;

/// Rows looked at per pass: a digest tells of at most this many uploads (the rest go next).
const BATCH: u32 = 100;
/// How long a claimed attempt is reserved: a whole conversation with the server and more, so a
/// live instance always finishes first, and one that died leaves the row to another soon after.
const LEASE: Duration = Duration::from_secs(TIMEOUT.as_secs() * 5 + 20);

/// Sends the operator's due mail.
#[derive(Clone, Debug)]
pub struct MailDeliverer {
    store: Store,
    mailer: Mailer,
    settings: MailSettings,
    public_url: Url,
}

impl MailDeliverer {
    pub fn new(store: Store, settings: MailSettings, public_url: Url) -> Result<Self, String> {
        Ok(MailDeliverer {
            store,
            mailer: Mailer::new(&settings.server)?,
            settings,
            public_url,
        })
    }

    /// One pass: every due mail (one per upload), or the digest once its oldest upload has
    /// waited a period. Returns how many uploads were told of.
    pub async fn send_due(&self) -> StoreResult<usize> {
        let now = now_ms();
        let due = self.store.due_mail_notices(now, BATCH).await?;
        match self.settings.mode {
            NotifyMode::EachUpload => {
                let mut told = 0;
                for row in due {
                    told += self.attempt(&[row]).await?;
                }
                Ok(told)
            }
            NotifyMode::Hourly => {
                let period = DIGEST_PERIOD.as_millis() as i64;
                let oldest = due.iter().map(|d| d.created_at).min();
                match oldest {
                    Some(oldest) if oldest <= now - period => self.attempt(&due).await,
                    _ => Ok(0),
                }
            }
        }
    }

    /// Claims the rows (those another instance took are left out), sends one mail about them,
    /// and records the outcome on each.
    async fn attempt(&self, due: &[DueNotice]) -> StoreResult<usize> {
        let until = now_ms() + LEASE.as_millis() as i64;
        let mut claimed = Vec::new();
        for row in due {
            if let Some(c) = self.store.try_claim_notice(row, until).await? {
                claimed.push(c);
            }
        }
        let mut notices = Vec::new();
        let mut gone = Vec::new();
        for c in &claimed {
            match self.notice(c.upload_id).await? {
                Some(notice) => notices.push(notice),
                None => gone.push(*c),
            }
        }
        // A pruned upload has nothing left to tell: its row is done.
        for c in &gone {
            self.store.finish_notice(c, now_ms(), None, None).await?;
        }
        let sent: Vec<ClaimedNotice> = claimed.into_iter().filter(|c| !gone.contains(c)).collect();
        if notices.is_empty() {
            return Ok(0);
        }
        let outcome = match compose(&self.settings, &self.public_url, &notices) {
            Ok(message) => self.mailer.send(message).await,
            Err(e) => Err(format!("the mail could not be written ({e})")),
        };
        let ids: Vec<i64> = sent.iter().map(|c| c.upload_id).collect();
        match outcome {
            Ok(()) => {
                for c in &sent {
                    self.store.finish_notice(c, now_ms(), None, None).await?;
                }
                tracing::info!(uploads = ?ids, "mailed the operator about new videos");
                Ok(sent.len())
            }
            Err(error) => {
                // Each row waits by its own count, so a digest's newcomers start short.
                for c in &sent {
                    let attempts = u32::try_from(c.attempts).unwrap_or(u32::MAX);
                    let wait = self.settings.retry_after(attempts);
                    let at = now_ms() + wait.as_millis() as i64;
                    self.store
                        .finish_notice(c, now_ms(), Some(at), Some(&error))
                        .await?;
                }
                tracing::warn!(uploads = ?ids, %error, "could not mail the operator; will retry");
                Ok(0)
            }
        }
    }

    /// The upload as the mail tells it, or `None` if it no longer exists.
    async fn notice(&self, upload_id: i64) -> StoreResult<Option<Notice>> {
        let Some(upload) = self.store.upload_by_id(upload_id).await? else {
            return Ok(None);
        };
        let videos = self.store.photos_of(upload_id).await?.len();
        let answers = self
            .store
            .answers_of(&[upload_id])
            .await?
            .remove(&upload_id);
        let campaign = match answers.as_ref().and_then(|a| a.campaign_id) {
            Some(id) => self
                .store
                .campaign_by_id(id)
                .await?
                .map(|c| c.settings.name),
            None => None,
        };
        Ok(Some(Notice {
            upload_id,
            title: upload.metadata.title,
            description: upload.metadata.description,
            campaign,
            answers: answers
                .map(|a| a.answers.into_iter().map(|a| (a.label, a.value)).collect())
                .unwrap_or_default(),
            videos,
            waiting_for_approval: upload.review == Some(Review::Waiting),
        }))
    }
}

/// Now as Unix milliseconds (the outbox's unit).
fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}
