//! The history's rows at a version of the visitor's change marker.
//!
//! The first view after a change used to read and render all fifty uploads for the one that
//! changed. The first page's rows are now kept per instance (`page::RenderedRows`), and the
//! database's change log (`history_changes`, written by the marker's triggers) says which
//! uploads moved since they were rendered: only those are read and rendered again. Anything the
//! kept rows cannot tell (another page, a log that no longer reaches back, many changes at once,
//! a row leaving a full page) reads and renders the page whole, as before.

use std::sync::Arc;

use askama::Template;

use super::entries::{Entry, entries_for};
use crate::error::AppError;
use crate::page::{KeptList, KeptRow, Layout};
use crate::routes::shared::server_timing::Stages;
use crate::state::AppState;
use crate::store::HISTORY_UPLOADS_AT_ONCE;
use crate::uploads::{Photo, Upload};

const PAGE_SIZE: u32 = 50;

/// One upload's entries (`<li>`s), rendered on their own so they can be kept.
#[derive(Template)]
#[template(path = "parts/history_upload.html")]
struct UploadRow<'a> {
    layout: &'a Layout,
    csrf_token: &'a str,
    entries: Vec<Entry>,
}

/// Which rows a request asks for.
pub(super) struct Asked<'a> {
    pub visitor_id: &'a str,
    /// The marker's version, read before anything else.
    pub version: i64,
    pub before: Option<i64>,
    /// Carried by the rows' forms, so part of what a kept row depends on.
    pub csrf_token: &'a str,
    pub now: i64,
}

/// Where the rows of the asked page are kept: only the first page is, as it is the live one
/// (the script polls it, new uploads land on it) and a change can only move rows across its
/// lower edge.
pub(super) fn key(
    visitor_id: &str,
    before: Option<i64>,
    csrf: &str,
    layout: &Layout,
) -> Option<String> {
    before
        .is_none()
        .then(|| format!("{visitor_id}\0{csrf}\0{}", layout.lang.tag()))
}

/// The rows of the asked page: `kept` (rows kept under `key`, with the uploads changed since
/// they were) brought up to date when they can tell the page, else read and rendered whole.
pub(super) async fn rows_at(
    state: &AppState,
    layout: &Layout,
    asked: &Asked<'_>,
    kept: Option<(Arc<KeptList>, Vec<i64>)>,
    key: Option<String>,
    stages: &mut Stages,
) -> Result<Arc<KeptList>, AppError> {
    let updated = match kept {
        Some((kept, changed)) => {
            brought_up_to_date(state, layout, asked, &kept, changed, stages).await?
        }
        None => None,
    };
    let list = match updated {
        Some(list) => Arc::new(list),
        None => Arc::new(read_whole(state, layout, asked, stages).await?),
    };
    if let Some(key) = key {
        state.history_rows.put(key, list.clone());
    }
    Ok(list)
}

async fn read_whole(
    state: &AppState,
    layout: &Layout,
    asked: &Asked<'_>,
    stages: &mut Stages,
) -> Result<KeptList, AppError> {
    let page = state
        .store
        .history(asked.visitor_id, asked.before, PAGE_SIZE)
        .await?;
    stages.mark("query");
    let rows = page
        .items
        .iter()
        .map(|(upload, photos)| render_row(state, layout, asked, upload, photos))
        .collect::<Result<_, _>>()?;
    stages.mark("entries");
    Ok(KeptList {
        version: asked.version,
        rows,
        older: page.older,
    })
}

/// The kept rows with the changed and outdated ones read and rendered again; `None` when they
/// cannot tell the page (see the module's comment).
async fn brought_up_to_date(
    state: &AppState,
    layout: &Layout,
    asked: &Asked<'_>,
    kept: &KeptList,
    mut changed: Vec<i64>,
    stages: &mut Stages,
) -> Result<Option<KeptList>, AppError> {
    changed.extend(kept.outdated(asked.now));
    changed.sort_unstable();
    changed.dedup();
    if changed.len() > HISTORY_UPLOADS_AT_ONCE {
        return Ok(None);
    }
    let uploads = if changed.is_empty() {
        Vec::new()
    } else {
        state
            .store
            .history_uploads(asked.visitor_id, &changed)
            .await?
    };
    stages.mark("rows");
    let fresh = uploads
        .iter()
        .map(|(upload, photos)| render_row(state, layout, asked, upload, photos))
        .collect::<Result<_, _>>()?;
    stages.mark("entries");
    Ok(kept.with_changes(asked.version, &changed, fresh, PAGE_SIZE as usize))
}

/// One upload's entries as HTML, and until when they read like this.
fn render_row(
    state: &AppState,
    layout: &Layout,
    asked: &Asked<'_>,
    upload: &Upload,
    photos: &[Photo],
) -> Result<KeptRow, AppError> {
    let link = state.return_urls.withdrawal_tag(&upload.nonce);
    let link = format!("/uploads/withdraw/{}/{link}", upload.nonce);
    let entries = entries_for(upload, photos, asked.now)
        .into_iter()
        .map(|entry| Entry {
            withdrawal_link: entry.can_withdraw.then(|| link.clone()),
            ..entry
        })
        .collect();
    let row = UploadRow {
        layout,
        csrf_token: asked.csrf_token,
        entries,
    };
    let html = row.render()?;
    // A row reads differently once its token runs out (waiting becomes expired).
    let good_until = Some(upload.valid_until)
        .filter(|deadline| *deadline >= asked.now)
        .unwrap_or(i64::MAX);
    Ok(KeptRow {
        id: upload.id,
        html: html.into(),
        good_until,
    })
}
