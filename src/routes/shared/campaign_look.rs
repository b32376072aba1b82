//! How a campaign's pages look: `/c/<slug>`, its closed or unknown page, and the send page and
//! sent state of an upload started there speak the campaign's language (unless the visitor
//! chose one in the menu, which always wins) and carry its brand colour.

use actix_session::Session;

use crate::page::Layout;
use crate::routes::shared::language::has_chosen_language;
use crate::state::AppState;
use crate::uploads::campaign::Campaign;

/// The layout of a page of `campaign` (the operator's own look without one).
pub fn campaign_layout(state: &AppState, session: &Session, campaign: Option<&Campaign>) -> Layout {
    let mut layout = state.layout();
    let Some(settings) = campaign.map(|c| &c.settings) else {
        return layout;
    };
    if let Some(lang) = settings
        .language
        .as_deref()
        .and_then(|tag| crate::i18n::catalog().get(tag))
        .filter(|_| !has_chosen_language(session))
    {
        layout.lang = lang;
    }
    // Checked when the campaign was saved; checked again so that only a `#rrggbb` the parser
    // wrote can ever reach the stylesheet's URL.
    if let Some(color) = settings
        .brand_color
        .as_deref()
        .and_then(|c| crate::config::brand_color(c).ok())
    {
        layout.brand.color = Some(color);
    }
    layout
}
