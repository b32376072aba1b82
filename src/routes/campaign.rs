//! `/c/{slug}`: a campaign's collection page (GET) and its mint (POST). A campaign that is
//! unknown, not yet open or closed answers with a page saying so and mints nothing.

use std::collections::HashMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::client_addr::client_ip;
use crate::error::AppError;
use crate::flows::campaigns::{
    AnswerProblems, CampaignMintError, Unavailable, check_submission, mint_in_campaign,
    open_campaign,
};
use crate::flows::{self, MintError};
use crate::page::{Layout, human_time, render_page_in, see_other};
use crate::routes::shared::campaign_look::campaign_layout;
use crate::routes::shared::new_upload_page::{mint_status, with_retry_after};
use crate::session::{Visitor, csrf_token, is_trusted_submission};
use crate::state::AppState;
use crate::uploads::MetadataForm;
use crate::uploads::campaign::Campaign;
use crate::uploads::fields::{CustomField, FieldKind, LONG_MAX};
use crate::uploads::metadata::FieldErrors;

/// The largest form body a campaign page takes: a long answer may be big, but an answer of a
/// megabyte still gets a message of its own rather than a refused request.
pub const FORM_LIMIT: usize = 2 * 1024 * 1024;

/// One custom field as the page shows it, with what the visitor typed and its problem.
pub struct FieldView {
    pub field: CustomField,
    pub value: String,
    pub problem: Option<&'static str>,
}

impl FieldView {
    pub fn is(&self, kind: &str) -> bool {
        self.field.kind == FieldKind::parse(kind).unwrap_or(FieldKind::ShortText)
    }
}

#[derive(Template)]
#[template(path = "campaign.html")]
pub struct CampaignPage {
    pub layout: Layout,
    pub csrf_token: String,
    pub campaign: Campaign,
    pub form: MetadataForm,
    pub publish: bool,
    pub errors: FieldErrors,
    pub fields: Vec<FieldView>,
    pub consent_problem: Option<&'static str>,
    pub consent_checked: bool,
    pub problem: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "campaign_unavailable.html")]
pub struct UnavailablePage {
    pub layout: Layout,
    pub title: String,
    pub text: String,
}

pub async fn campaign_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let campaign = match open_campaign(&state, &slug).await? {
        Ok(campaign) => campaign,
        Err((why, campaign)) => return Ok(unavailable(&state, &session, why, campaign.as_ref())),
    };
    Visitor::current_or_new(&req, &session);
    let page = page(
        &state,
        &session,
        campaign,
        Vec::new(),
        &AnswerProblems::default(),
    );
    Ok(render_page_in(StatusCode::OK, &page, page.layout.lang))
}

pub async fn campaign_mint(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    slug: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let campaign = match open_campaign(&state, &slug).await? {
        Ok(campaign) => campaign,
        Err((why, campaign)) => return Ok(unavailable(&state, &session, why, campaign.as_ref())),
    };
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(&body).into_owned().collect();
    let posted: HashMap<String, String> = pairs.iter().cloned().collect();
    let form = metadata_form(&posted);
    if !is_trusted_submission(&req, &session, &form.csrf_token, &state.public_url) {
        tracing::warn!("refused a campaign form without a valid CSRF token or from another site");
        let mut page = page(
            &state,
            &session,
            campaign,
            pairs,
            &AnswerProblems::default(),
        );
        page.form = form;
        page.problem = Some(STALE_FORM);
        return Ok(render_page_in(
            StatusCode::FORBIDDEN,
            &page,
            page.layout.lang,
        ));
    }
    let visitor = Visitor::current_or_new(&req, &session);
    let consent = campaign
        .settings
        .consent_version()
        .map(|v| (v, posted.get("consent").is_some_and(|c| c == "1")));
    let metadata = form.parse(campaign.settings.publish_policy == "visitor_chooses");
    let answers = check_submission(Some(&campaign), consent, &posted, &visitor.id);
    let (metadata, answers) = match (metadata, answers) {
        (Ok(metadata), Ok(Some(answers))) => (metadata, answers),
        (metadata, answers) => {
            let problems = answers.err().unwrap_or_default();
            let mut page = page(&state, &session, campaign, pairs, &problems);
            page.errors = metadata.err().unwrap_or_default();
            page.form = form;
            return Ok(render_page_in(
                StatusCode::UNPROCESSABLE_ENTITY,
                &page,
                page.layout.lang,
            ));
        }
    };
    let who = flows::Requester {
        visitor_id: &visitor.id,
        client_ip: client_ip(&req, &state.limits.trusted_proxies),
    };
    match mint_in_campaign(&state, who, &campaign, metadata, answers).await {
        Ok(upload) => Ok(see_other(
            &state.path(&format!("/uploads/{}/send", upload.id)),
        )),
        Err(CampaignMintError::Unavailable(why)) => {
            Ok(unavailable(&state, &session, why, Some(&campaign)))
        }
        Err(error) => {
            let (status, message) = match &error {
                CampaignMintError::LimitReached => (StatusCode::TOO_MANY_REQUESTS, LIMIT_REACHED),
                CampaignMintError::Mint(e) => (mint_status(e), e.message()),
                CampaignMintError::Unavailable(_) => unreachable!("answered above"),
            };
            let mut page = page(
                &state,
                &session,
                campaign,
                pairs,
                &AnswerProblems::default(),
            );
            page.form = form;
            page.problem = Some(message);
            let response = render_page_in(status, &page, page.layout.lang);
            Ok(match &error {
                CampaignMintError::Mint(e @ MintError::RateLimited { .. }) => {
                    with_retry_after(response, e)
                }
                _ => response,
            })
        }
    }
}

const STALE_FORM: &str = "This form had expired or did not come from this site, so nothing was sent. \
                          Check the details below and submit again.";

pub const LIMIT_REACHED: &str =
    "You have already sent as many videos as this page takes. Thank you!";

fn metadata_form(posted: &HashMap<String, String>) -> MetadataForm {
    let get = |k: &str| posted.get(k).cloned().unwrap_or_default();
    MetadataForm {
        csrf_token: get("csrf_token"),
        title: get("title"),
        description: get("description"),
        tags: get("tags"),
        publish: posted.get("publish").cloned(),
        consent: posted.get("consent").cloned(),
    }
}

fn page(
    state: &AppState,
    session: &Session,
    campaign: Campaign,
    posted: Vec<(String, String)>,
    problems: &AnswerProblems,
) -> CampaignPage {
    let posted: HashMap<String, String> = posted.into_iter().collect();
    let fields = campaign
        .settings
        .fields
        .iter()
        .map(|field| FieldView {
            // Kept as typed, up to what an answer may hold: a megabyte is not sent back.
            value: posted
                .get(&field.input_name())
                .map(|v| v.chars().take(LONG_MAX).collect())
                .unwrap_or_default(),
            problem: problems.fields.get(&field.id).copied(),
            field: field.clone(),
        })
        .collect();
    let visitor_choice = campaign.settings.publish_policy == "visitor_chooses";
    CampaignPage {
        layout: campaign_layout(state, session, Some(&campaign)),
        csrf_token: csrf_token(session),
        form: MetadataForm::default(),
        publish: visitor_choice && state.uploads.publish,
        errors: FieldErrors::default(),
        fields,
        consent_problem: problems.consent,
        consent_checked: posted.get("consent").is_some_and(|c| c == "1"),
        problem: None,
        campaign,
    }
}

fn unavailable(
    state: &AppState,
    session: &Session,
    why: Unavailable,
    campaign: Option<&Campaign>,
) -> HttpResponse {
    let layout = campaign_layout(state, session, campaign);
    let (status, title, text) = match why {
        Unavailable::Unknown => (
            StatusCode::NOT_FOUND,
            layout.t("campaign-unknown-title"),
            layout.t("campaign-unknown-text"),
        ),
        Unavailable::NotYetOpen { opens_at } => (
            StatusCode::FORBIDDEN,
            layout.t("campaign-not-open-title"),
            layout.t1("campaign-not-open-text", "time", human_time(opens_at)),
        ),
        Unavailable::Closed { closed_at } => (
            StatusCode::GONE,
            layout.t("campaign-closed-title"),
            layout.t1("campaign-closed-text", "time", human_time(closed_at)),
        ),
    };
    let lang = layout.lang;
    render_page_in(
        status,
        &UnavailablePage {
            layout,
            title,
            text,
        },
        lang,
    )
}
