//! The operator in the browser: a portal with admin credentials, and an address that carries
//! them (Chromium keeps them for the origin's later requests, form posts included, as it does
//! after a login prompt).

use crate::helpers::{TestApp, spawn_app_with};

pub const OPERATOR: &str = "operator";
pub const OPERATOR_PASSWORD: &str = "a long operator password";

/// The app, and its address with the operator's login in it.
pub async fn app_with_operator() -> (TestApp, String) {
    let app = spawn_app_with(|vars| {
        vars.insert("ADMIN_USERNAME".into(), OPERATOR.into());
        vars.insert("ADMIN_PASSWORD".into(), OPERATOR_PASSWORD.into());
    })
    .await;
    let with_login = app.address.replacen(
        "http://",
        &format!(
            "http://{OPERATOR}:{}@",
            OPERATOR_PASSWORD.replace(' ', "%20")
        ),
        1,
    );
    (app, with_login)
}
