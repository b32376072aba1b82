//! `/admin/campaigns`: the operator's campaigns, each with its link, whether it takes uploads now
//! and how many it has had; a form to make one (`/admin/campaigns/new`, posted to
//! `/admin/campaigns`), with the same checks as the API (`flows::campaigns`). Editing, sharing
//! and opening or closing one are in `campaign_page`.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::campaign_form::CampaignForm;
use super::campaign_page::{FormPage, openness, read_form, saved_or_refused};
use super::chrome::{AdminChrome, admin_form};
use super::{Operator, no_store};
use crate::error::AppError;
use crate::flows::campaigns::{SaveError, create_campaign};
use crate::page::{Layout, render_page};
use crate::session::csrf_token;
use crate::state::AppState;
use crate::uploads::now;

/// The largest campaign form taken: a prompt of a megabyte still gets a message of its own
/// rather than a refused request.
pub const FORM_LIMIT: usize = 2 * 1024 * 1024;

pub struct CampaignRow {
    pub id: i64,
    pub name: String,
    pub slug: String,
    pub link: String,
    /// `open`, `closed` or `not-yet-open`.
    pub state: &'static str,
    pub state_text: String,
    /// When it opens or closed (or closes), if it has such a time.
    pub when: Option<(String, String)>,
    pub uploads: i64,
    pub waiting: i64,
}

#[derive(Template)]
#[template(path = "admin/campaigns.html")]
pub struct CampaignsPage {
    pub layout: Layout,
    pub admin: AdminChrome,
    pub rows: Vec<CampaignRow>,
    pub csrf_token: String,
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct ListQuery {
    /// `opened` or `closed`, after those buttons.
    pub done: Option<String>,
    pub id: Option<i64>,
}

pub async fn list_campaigns(
    _operator: Operator,
    state: web::Data<AppState>,
    session: Session,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let campaigns = state.store.campaigns().await?;
    let counts = state.store.campaign_counts().await?;
    let now = now();
    let done = match query.done.as_deref() {
        Some("opened") => Some("admin-campaigns-opened"),
        Some("closed") => Some("admin-campaigns-closed"),
        _ => None,
    };
    let notice = done.and_then(|done| {
        let campaign = campaigns.iter().find(|c| Some(c.id) == query.id)?;
        let name = campaign.settings.name.as_str();
        Some(crate::i18n::current().t_args(done, &crate::i18n::args(&[("name", name.into())])))
    });
    let rows = campaigns
        .iter()
        .map(|c| {
            let counted = counts.get(&c.id).copied().unwrap_or_default();
            let (state_name, state_text, when) = openness(c, now);
            CampaignRow {
                id: c.id,
                name: c.settings.name.clone(),
                slug: c.settings.slug.clone(),
                link: super::api::campaign_link(&state, &c.settings.slug),
                state: state_name,
                state_text,
                when,
                uploads: counted.uploads,
                waiting: counted.waiting,
            }
        })
        .collect();
    let page = CampaignsPage {
        layout: state.layout(),
        admin: AdminChrome::new(&state, "campaigns").with_notice(notice),
        rows,
        csrf_token: csrf_token(&session),
    };
    Ok(no_store(render_page(StatusCode::OK, &page)))
}

pub async fn new_campaign_form(
    _operator: Operator,
    state: web::Data<AppState>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let page = FormPage::new(&state, &session, CampaignForm::blank(), None);
    Ok(no_store(render_page(StatusCode::OK, &page)))
}

pub async fn create(
    _operator: Operator,
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let posted = admin_form(&req, &session, &body, &state)?;
    let (form, input) = read_form(&posted);
    let result = match input {
        Ok(input) => create_campaign(&state, input).await.map(Some),
        Err(errors) => Err(SaveError::Invalid(errors)),
    };
    saved_or_refused(&state, &session, form, None, result, "created")
}
