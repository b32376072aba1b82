//! `GET /admin/approval`: the queue of uploads waiting for the operator's decision, each with
//! its thumbnail, a link to watch it, its title and description. `POST /admin/approval` approves
//! or rejects one (its own buttons) or several (the checked ones); `flows::decide` writes each
//! decision and the jobs carry it out on 23. A decision whose 23 call failed stays in the queue
//! as pending, with 23's answer, until the jobs have done it.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::answers::{AnswersView, answers_by_upload};
use super::chrome::{AdminChrome, admin_form, field};
use super::{Operator, no_store};
use crate::error::AppError;
use crate::flows;
use crate::i18n::args;
use crate::page::{Layout, human_time, machine_time, render_page, see_other};
use crate::session::csrf_token;
use crate::state::AppState;
use crate::uploads::{Decision, Review};

const PAGE_SIZE: u32 = 50;

pub struct QueueRow {
    pub upload_id: i64,
    pub title: String,
    pub description: String,
    pub tags: String,
    pub when_human: String,
    pub when_machine: String,
    pub thumbnail_url: Option<String>,
    pub watch_url: Option<String>,
    /// `waiting`, or the decision being carried out (`approving`, `rejecting`).
    pub review: &'static str,
    /// 23's answer to the last failed attempt of a pending decision.
    pub last_error: Option<String>,
    pub attempts: i64,
    /// Its campaign, answers and consent, when it has any.
    pub answers: Option<AnswersView>,
}

#[derive(Template)]
#[template(path = "admin/approval.html")]
pub struct ApprovalPage {
    pub layout: Layout,
    pub admin: AdminChrome,
    pub rows: Vec<QueueRow>,
    pub csrf_token: String,
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct ApprovalQuery {
    /// How many decisions the last submission wrote, for the notice.
    pub decided: Option<u32>,
}

pub async fn approval_queue(
    _operator: Operator,
    state: web::Data<AppState>,
    session: Session,
    query: web::Query<ApprovalQuery>,
) -> Result<HttpResponse, AppError> {
    let queue = state.store.approval_queue(PAGE_SIZE).await?;
    let ids: Vec<i64> = queue.iter().map(|(u, _)| u.id).collect();
    let mut answers = answers_by_upload(&state, &ids).await?;
    let mut rows = Vec::with_capacity(queue.len());
    for (upload, pending) in queue {
        let photos = state.store.photos_of(upload.id).await?;
        let first = photos.first();
        rows.push(QueueRow {
            upload_id: upload.id,
            title: upload.metadata.title,
            description: upload.metadata.description,
            tags: upload.metadata.tags,
            when_human: human_time(upload.created_at),
            when_machine: machine_time(upload.created_at),
            thumbnail_url: first.and_then(|p| p.thumbnail_url.clone()),
            watch_url: first.and_then(|p| p.video_url.clone()),
            review: upload.review.unwrap_or(Review::Waiting).as_str(),
            last_error: pending.as_ref().and_then(|p| p.last_error.clone()),
            attempts: pending.map_or(0, |p| p.attempts),
            answers: answers.remove(&upload.id),
        });
    }
    let page = ApprovalPage {
        layout: state.layout(),
        admin: AdminChrome::new(&state, "approval").with_notice(query.decided.map(|n| {
            let lang = crate::i18n::current();
            match n {
                0 => lang.t("admin-approval-nothing-decided"),
                n => lang.t_args("admin-approval-decided", &args(&[("count", n.into())])),
            }
        })),
        rows,
        csrf_token: csrf_token(&session),
    };
    Ok(no_store(render_page(StatusCode::OK, &page)))
}

pub async fn decide(
    _operator: Operator,
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form = admin_form(&req, &session, &body, &state)?;
    let Some((decision, ids)) = decisions_in(&form) else {
        return Err(AppError::BadRequest("Choose Approve or Reject."));
    };
    let mut decided = 0;
    for upload_id in ids {
        let reason = field(&form, &format!("reason-{upload_id}"));
        if flows::decide(&state, upload_id, decision, reason)
            .await?
            .is_ok()
        {
            decided += 1;
        }
    }
    Ok(see_other(
        &state.path(&format!("/admin/approval?decided={decided}")),
    ))
}

/// `one=approve:12` (a row's own button) decides that upload; `all=approve` the checked ones
/// (`selected=12&selected=13`). `keep_in_23=1` keeps rejected videos unpublished on 23.
fn decisions_in(form: &[(String, String)]) -> Option<(Decision, Vec<i64>)> {
    let keep_in_23 = field(form, "keep_in_23") == Some("1");
    let parse = |word: &str| Decision::parse(word, keep_in_23).filter(|d| *d != Decision::Withdraw);
    if let Some((word, id)) = field(form, "one").and_then(|v| v.split_once(':')) {
        return Some((parse(word)?, vec![id.parse().ok()?]));
    }
    let decision = parse(field(form, "all")?)?;
    let ids = form
        .iter()
        .filter(|(k, _)| k == "selected")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    Some((decision, ids))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_rows_own_button_decides_that_row_and_the_bulk_buttons_the_checked_ones() {
        let one = form(&[("one", "approve:12"), ("selected", "13")]);
        assert_eq!(decisions_in(&one), Some((Decision::Approve, vec![12])));
        let all = form(&[("all", "reject"), ("selected", "12"), ("selected", "13")]);
        assert_eq!(
            decisions_in(&all),
            Some((Decision::Reject { keep_in_23: false }, vec![12, 13]))
        );
        let kept = form(&[("one", "reject:5"), ("keep_in_23", "1")]);
        assert_eq!(
            decisions_in(&kept),
            Some((Decision::Reject { keep_in_23: true }, vec![5]))
        );
    }

    #[test]
    fn the_operator_cannot_withdraw_for_a_visitor_or_send_nonsense() {
        for pairs in [
            &[("one", "withdraw:12")][..],
            &[("all", "withdraw"), ("selected", "1")],
            &[("one", "approve:x")],
            &[("all", "publish")],
            &[],
        ] {
            assert_eq!(decisions_in(&form(pairs)), None, "{pairs:?}");
        }
    }
}
