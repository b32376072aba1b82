//! The hourly mint limits hold against 50 simultaneous requests, on one instance or two sharing a
//! database: each request reserves its place before 23 is called, so none reads a stale count.

use std::collections::HashMap;

use futures_util::future::join_all;

use crate::helpers::{attr, browser, spawn_app_with, spawn_two_instances_with};

const PARALLEL: usize = 50;

/// Posts the new-upload form from `client` (which already has a session and `csrf` token).
async fn post_form(client: &reqwest::Client, csrf: &str, address: &str) -> u16 {
    let response = client
        .post(format!("{address}/uploads"))
        .form(&[("title", "Burst"), ("csrf_token", csrf)])
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    if status == 429 {
        assert!(
            response.headers().contains_key("retry-after"),
            "429 says when"
        );
        let html = response.text().await.unwrap();
        assert_eq!(
            attr(&html, "input[name=title]", "value").as_deref(),
            Some("Burst"),
            "the visitor's input is kept"
        );
    }
    status
}

/// A fresh browser with its own cookie and CSRF token.
async fn fresh_visitor(address: &str) -> (reqwest::Client, String) {
    let client = browser();
    let html = client
        .get(format!("{address}/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = attr(&html, "input[name=csrf_token]", "value").unwrap();
    (client, csrf)
}

fn tally(statuses: &[u16]) -> HashMap<u16, usize> {
    let mut counts = HashMap::new();
    for status in statuses {
        *counts.entry(*status).or_default() += 1;
    }
    counts
}

#[tokio::test]
async fn fifty_parallel_posts_with_one_cookie_mint_no_more_than_the_visitor_limit() {
    let app = spawn_app_with(|vars| {
        vars.insert("UPLOAD_TOKENS_PER_HOUR".into(), "5".into());
    })
    .await;
    let csrf = app.csrf_token().await;
    let statuses =
        join_all((0..PARALLEL).map(|_| post_form(&app.browser, &csrf, &app.address))).await;
    let minted = app.sandbox.upload_tokens().len();
    println!(
        "50 parallel POSTs, one cookie, limit 5: {minted} tokens minted, {:?}",
        tally(&statuses)
    );
    assert_eq!(minted, 5, "23 minted only the visitor's hourly allowance");
    assert_eq!(statuses.iter().filter(|s| **s == 303).count(), 5);
    assert_eq!(statuses.iter().filter(|s| **s == 429).count(), PARALLEL - 5);
}

#[tokio::test]
async fn fifty_fresh_cookies_from_one_address_mint_no_more_than_the_address_limit() {
    let app = spawn_app_with(|vars| {
        vars.insert("UPLOAD_TOKENS_PER_HOUR".into(), "5".into());
        vars.insert("UPLOAD_TOKENS_PER_HOUR_PER_IP".into(), "8".into());
    })
    .await;
    let visitors = join_all((0..PARALLEL).map(|_| fresh_visitor(&app.address))).await;
    let statuses = join_all(
        visitors
            .iter()
            .map(|(client, csrf)| post_form(client, csrf, &app.address)),
    )
    .await;
    let minted = app.sandbox.upload_tokens().len();
    println!(
        "50 fresh cookies, one address, address limit 8: {minted} tokens minted, {:?}",
        tally(&statuses)
    );
    assert_eq!(minted, 8, "23 minted only the address's hourly allowance");
    assert_eq!(statuses.iter().filter(|s| **s == 429).count(), PARALLEL - 8);
}

/// Posts from a fresh visitor claiming (in `X-Forwarded-For`) to be `claimed`, on `address`.
async fn post_as(visitor: &(reqwest::Client, String), address: &str, claimed: &str) -> u16 {
    let (client, csrf) = visitor;
    client
        .post(format!("{address}/uploads"))
        .header("x-forwarded-for", format!("6.6.6.6, {claimed}"))
        .form(&[("title", "Burst"), ("csrf_token", csrf.as_str())])
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn a_forwarded_for_header_from_an_untrusted_peer_changes_nothing() {
    let app = spawn_app_with(|vars| {
        vars.insert("UPLOAD_TOKENS_PER_HOUR_PER_IP".into(), "8".into());
    })
    .await;
    let claims: Vec<String> = (0..PARALLEL).map(|i| format!("198.51.100.{i}")).collect();
    let visitors = join_all((0..PARALLEL).map(|_| fresh_visitor(&app.address))).await;
    join_all(
        claims
            .iter()
            .zip(&visitors)
            .map(|(claim, visitor)| post_as(visitor, &app.address, claim)),
    )
    .await;
    let minted = app.sandbox.upload_tokens().len();
    println!("50 fresh cookies, 50 forged X-Forwarded-For, no trusted proxy: {minted} tokens");
    assert_eq!(minted, 8, "the peer address is counted, not the header");
}

#[tokio::test]
async fn the_site_limit_holds_across_two_instances_and_addresses_behind_a_trusted_proxy() {
    let (app, b) = spawn_two_instances_with(
        |_| {},
        |vars| {
            vars.insert("TRUSTED_PROXIES".into(), "127.0.0.0/8, ::1".into());
            vars.insert("UPLOAD_TOKENS_PER_HOUR_PER_IP".into(), "2".into());
            vars.insert("UPLOAD_TOKENS_PER_HOUR_TOTAL".into(), "10".into());
        },
    )
    .await;
    let a = app.address.clone();
    // 25 addresses, two requests each, half of them to each instance.
    let claims: Vec<(String, &str)> = (0..PARALLEL)
        .map(|i| {
            (
                format!("198.51.100.{}", i / 2),
                if i % 2 == 0 { a.as_str() } else { b.as_str() },
            )
        })
        .collect();
    let mut visitors = Vec::new();
    for (_, on) in &claims {
        visitors.push(fresh_visitor(on).await);
    }
    let statuses = join_all(
        claims
            .iter()
            .zip(&visitors)
            .map(|((claim, on), visitor)| post_as(visitor, on, claim)),
    )
    .await;
    let minted = app.sandbox.upload_tokens().len();
    println!(
        "50 fresh cookies from 25 addresses on two instances, site limit 10: {minted} tokens, {:?}",
        tally(&statuses)
    );
    assert_eq!(
        minted, 10,
        "the whole site minted its hourly allowance only"
    );

    // Behind the trusted proxy each address has its own allowance: a new one still gets one
    // once the site's hour allows it; here the site is full, so it is refused too.
    let late = fresh_visitor(&b).await;
    assert_eq!(post_as(&late, &b, "203.0.113.1").await, 429);
}
