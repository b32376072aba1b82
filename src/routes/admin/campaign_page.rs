//! `/admin/campaigns/{id}`: one campaign's page. Its public link, the link's QR code and the
//! embed snippet to copy, the Open and Close buttons, and its settings in the same form that
//! makes a new one (`POST` saves them, with the API's checks). A refused form comes back as
//! the operator sent it, each problem beside its field.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::api::{campaign_link, embed_snippet};
use super::campaign_form::CampaignForm;
use super::chrome::{AdminChrome, admin_form, field};
use super::qr::qr_svg;
use super::{Operator, no_store};
use crate::error::AppError;
use crate::flows::campaign_openness::{close_now, open_now};
use crate::flows::campaigns::{SaveError, problems, update_campaign};
use crate::i18n::args;
use crate::page::{Layout, human_time, machine_time, render_page, see_other};
use crate::session::csrf_token;
use crate::state::AppState;
use crate::uploads::campaign::{Campaign, CampaignErrors, CampaignInput, Openness, POLICIES};
use crate::uploads::now;

/// What a saved campaign's page shows above its form.
pub struct Share {
    pub id: i64,
    pub link: String,
    /// Inline `<svg>`, made here from the link (so printed unescaped).
    pub qr_svg: String,
    pub snippet: String,
    pub state: &'static str,
    pub state_text: String,
    pub when: Option<(String, String)>,
}

#[derive(Template)]
#[template(path = "admin/campaign_form.html")]
pub struct FormPage {
    pub layout: Layout,
    pub admin: AdminChrome,
    pub csrf_token: String,
    pub form: CampaignForm,
    pub errors: CampaignErrors,
    /// `None` for a new campaign.
    pub share: Option<Share>,
    pub policies: Vec<(&'static str, String)>,
    pub languages: Vec<(&'static str, &'static str)>,
}

impl FormPage {
    pub fn new(
        state: &AppState,
        session: &Session,
        form: CampaignForm,
        campaign: Option<&Campaign>,
    ) -> FormPage {
        FormPage {
            layout: state.layout(),
            admin: AdminChrome::new(state, "campaigns"),
            csrf_token: csrf_token(session),
            form,
            errors: CampaignErrors::new(),
            share: campaign.map(|c| share(state, c)),
            policies: POLICIES.iter().map(|p| (*p, policy_label(p))).collect(),
            languages: crate::i18n::catalog()
                .languages()
                .map(|l| (l.tag(), l.name()))
                .collect(),
        }
    }

    /// This field's problem, if the last submission had one.
    /// The problem with input `name`, in the operator's language (lower layers say it in English).
    pub fn error(&self, name: &str) -> Option<String> {
        self.errors
            .get(name)
            .map(|problem| self.layout.text(problem))
    }

    /// ` has-error` for a field with a problem, to add to its class.
    pub fn error_class(&self, name: &str) -> &'static str {
        if self.errors.contains_key(name) {
            " has-error"
        } else {
            ""
        }
    }
}

fn policy_label(policy: &str) -> String {
    crate::i18n::current().t(match policy {
        "visitor_chooses" => "admin-policy-visitor-chooses",
        "always_unpublished" => "admin-policy-always-unpublished",
        _ => "admin-policy-approval-first",
    })
}

/// Whether a campaign takes uploads now, in words, and the time that decides it.
pub fn openness(campaign: &Campaign, now: i64) -> (&'static str, String, Option<(String, String)>) {
    let times = |at: i64| Some((human_time(at), machine_time(at)));
    let lang = crate::i18n::current();
    match campaign.settings.openness(now) {
        Openness::Open => {
            let closes = campaign.settings.closes_at.and_then(times);
            let text = if closes.is_some() {
                "admin-campaign-open-closes"
            } else {
                "admin-campaign-open"
            };
            ("open", lang.t(text), closes)
        }
        Openness::NotYetOpen { opens_at } => (
            "not-yet-open",
            lang.t("admin-campaign-opens"),
            times(opens_at),
        ),
        Openness::Closed { closed_at } => (
            "closed",
            lang.t("admin-campaign-closed-since"),
            times(closed_at),
        ),
    }
}

fn share(state: &AppState, campaign: &Campaign) -> Share {
    let link = campaign_link(state, &campaign.settings.slug);
    let (state_name, state_text, when) = openness(campaign, now());
    Share {
        id: campaign.id,
        qr_svg: qr_svg(&link).unwrap_or_default(),
        snippet: embed_snippet(state, &campaign.settings.slug),
        link,
        state: state_name,
        state_text,
        when,
    }
}

/// The posted form, and the input to save or every problem with it: the form's own (a number
/// that is not one) and the checks' (a closing time before the opening time), all at once.
pub fn read_form(
    posted: &[(String, String)],
) -> (CampaignForm, Result<CampaignInput, CampaignErrors>) {
    let form = CampaignForm::from_pairs(posted);
    let (input, mut errors) = form.to_input();
    if errors.is_empty() {
        return (form, Ok(input));
    }
    for (key, problem) in problems(input) {
        errors.entry(key).or_insert(problem);
    }
    (form, Err(errors))
}

/// After saving: to the campaign's page with a notice; refused: the form again, as sent, 422.
pub fn saved_or_refused(
    state: &AppState,
    session: &Session,
    form: CampaignForm,
    campaign: Option<&Campaign>,
    result: Result<Option<Campaign>, SaveError>,
    done: &str,
) -> Result<HttpResponse, AppError> {
    match result {
        Ok(Some(saved)) => Ok(see_other(
            &state.path(&format!("/admin/campaigns/{}?done={done}", saved.id)),
        )),
        Ok(None) => Err(AppError::NotFound),
        Err(SaveError::Invalid(errors)) => {
            let mut page = FormPage::new(state, session, form, campaign);
            let count = errors.len();
            page.admin.notice = Some(crate::i18n::current().t_args(
                "admin-campaign-not-saved",
                &args(&[("count", count.into())]),
            ));
            page.errors = errors;
            Ok(no_store(render_page(
                StatusCode::UNPROCESSABLE_ENTITY,
                &page,
            )))
        }
        Err(SaveError::AlbumUnchecked(errors, _)) => {
            let mut page = FormPage::new(state, session, form, campaign);
            page.admin.notice = Some(
                "The campaign was not saved: 23 could not be reached to check its album.".into(),
            );
            page.errors = errors;
            Ok(no_store(render_page(
                StatusCode::SERVICE_UNAVAILABLE,
                &page,
            )))
        }
        Err(SaveError::Store(e)) => Err(e.into()),
    }
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct PageQuery {
    pub done: Option<String>,
}

pub async fn campaign_page(
    _operator: Operator,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<i64>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let campaign = state
        .store
        .campaign_by_id(*id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut page = FormPage::new(
        &state,
        &session,
        CampaignForm::of(&campaign),
        Some(&campaign),
    );
    let notice = match query.done.as_deref() {
        Some("created") => Some("admin-campaign-created"),
        Some("saved") => Some("admin-campaign-saved"),
        Some("opened") => Some("admin-campaign-opened"),
        Some("closed") => Some("admin-campaign-closed"),
        _ => None,
    };
    page.admin.notice = notice.map(|id| crate::i18n::current().t(id));
    Ok(no_store(render_page(StatusCode::OK, &page)))
}

pub async fn update(
    _operator: Operator,
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<i64>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let posted = admin_form(&req, &session, &body, &state)?;
    let campaign = state
        .store
        .campaign_by_id(*id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (form, input) = read_form(&posted);
    let result = match input {
        Ok(input) => update_campaign(&state, campaign.id, input).await,
        Err(errors) => Err(SaveError::Invalid(errors)),
    };
    saved_or_refused(&state, &session, form, Some(&campaign), result, "saved")
}

/// `POST /admin/campaigns/{id}/open` and `/close`; back to the list when pressed there.
pub async fn open_or_close(
    _operator: Operator,
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(i64, String)>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let posted = admin_form(&req, &session, &body, &state)?;
    let (id, action) = path.into_inner();
    let changed = match action.as_str() {
        "open" => open_now(&state, id).await?,
        "close" => close_now(&state, id).await?,
        _ => return Err(AppError::NotFound),
    };
    let campaign = changed.ok_or(AppError::NotFound)?;
    let done = if action == "open" { "opened" } else { "closed" };
    let to = match field(&posted, "return") {
        Some("list") => format!("/admin/campaigns?done={done}&id={}", campaign.id),
        _ => format!("/admin/campaigns/{}?done={done}", campaign.id),
    };
    Ok(see_other(&state.path(&to)))
}
