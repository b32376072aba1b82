//! The page scripts' pure rules, run in Chromium itself (the project has no JS toolchain): chunk
//! geometry as 23 documents it, the checks made before sending, how sizes read, and the shared
//! helpers (plain answers, pauses that end on abort).

use serde_json::json;

use super::session::{Browser, Options, with_browser};
use crate::helpers::spawn_app;

/// Imports `/static/{module}` in the page and returns `expression` evaluated with it as `m`.
async fn evaluate(b: &Browser, module: &str, expression: &str) -> serde_json::Value {
    b.run(&format!(
        "return import('/static/{module}').then(m => {expression})"
    ))
    .await
}

#[tokio::test]
async fn chunks_follow_23s_geometry_and_checks_name_the_file_and_the_reason() {
    let app = spawn_app().await;
    with_browser("modules", &app.address, Options::default(), async |b| {
        b.goto("/").await;

        // 100.5 MB in 1 MB chunks is 100 chunks, the last one 1.5 MB (docs/23-api.md §7.2).
        let plan = evaluate(
            b,
            "chunked-upload.js",
            "{ const p = m.chunkPlan(105381888, 1048576); return [p.length, p[0], p[99]]; }",
        )
        .await;
        assert_eq!(
            plan,
            json!([100, {"number": 1, "start": 0, "end": 1048576},
                   {"number": 100, "start": 103809024, "end": 105381888}])
        );
        let small = evaluate(b, "chunked-upload.js", "m.chunkPlan(700, 1000)").await;
        assert_eq!(small, json!([{"number": 1, "start": 0, "end": 700}]));
        let exact = evaluate(
            b,
            "chunked-upload.js",
            "m.chunkPlan(30, 10).map(c => c.end - c.start)",
        )
        .await;
        assert_eq!(exact, json!([10, 10, 10]));

        let reasons = evaluate(
            b,
            "checks.js",
            "[new File(['x'], 'notes.txt', {type: 'text/plain'}),
              new File(['x'], 'clip.mkv', {type: ''}),
              new File([], 'empty.mp4', {type: 'video/mp4'}),
              new File(['12345'], 'big.mov', {type: 'video/quicktime'}),
              new File(['x'], 'song.mp3', {type: 'audio/mpeg'})]
             .map(f => m.refusalReason(f, { maxSize: 4 }))",
        )
        .await;
        assert_eq!(
            reasons,
            json!([
                "“notes.txt” was not sent: it is not a video or audio file.",
                null,
                "“empty.mp4” was not sent: the file is empty.",
                "“big.mov” was not sent: it is 5 bytes, larger than the 4 bytes this site accepts.",
                null,
            ])
        );

        let answers = evaluate(
            b,
            "shared.js",
            "[{answered: true, text: ' Invalid token\\n', contentType: 'text/plain; charset=utf-8'},
              {answered: true, text: '<h1>Oops</h1>', contentType: ''},
              {answered: true, text: 'Not found', contentType: 'text/html'},
              {answered: false},
              {answered: true, text: 'x'.repeat(300), contentType: 'text/plain'}].map(m.plainAnswer)",
        )
        .await;
        assert_eq!(answers, json!(["Invalid token", "", "", "", ""]));
        let cancelled = evaluate(
            b,
            "shared.js",
            "{ const stop = new AbortController();
               const slept = m.pause(60000, stop.signal)
                 .then(() => 'slept', (e) => e instanceof m.Cancelled ? e.message : String(e));
               stop.abort();
               return slept; }",
        )
        .await;
        assert_eq!(cancelled, "Cancelled.", "a pause ends at once when aborted");

        let sizes = evaluate(
            b,
            "format.js",
            "[1, 1023, 1536, 5 * 1024 ** 2, 4 * 1024 ** 3].map(m.formatBytes)",
        )
        .await;
        assert_eq!(
            sizes,
            json!(["1 byte", "1023 bytes", "1.5 KB", "5 MB", "4 GB"])
        );
    })
    .await;
}

/// 23's refusal texts read in the page by the same rules as the server's
/// (`src/uploads/service_error.rs`, whose unit test holds these same cases), in each language.
#[tokio::test]
async fn refusals_of_23_read_in_the_visitors_words() {
    let app = spawn_app().await;
    let cases = json!([
        "The file type isn't supported",
        "No file was uploaded.",
        "The upload token is invalid or has expired.",
        "The file is too large.",
        "The upload could not be stored.",
        "error_processing_upload",
        "Something unexpected"
    ]);
    let expected = json!([
        "service-error-type",
        "service-error-no-file",
        "service-error-token",
        "service-error-too-large",
        "service-error-processing",
        "service-error-processing",
        "service-error-other"
    ]);
    with_browser(
        "modules-refusals",
        &app.address,
        Options::default(),
        async |b| {
            b.goto("/?lang=da").await;
            let ids = evaluate(
                b,
                "service-errors.js",
                &format!("{cases}.map(m.serviceErrorId)"),
            )
            .await;
            assert_eq!(ids, expected);
            let danish = evaluate(
                b,
                "service-errors.js",
                "m.inVisitorWords(\"The file type isn't supported\")",
            )
            .await;
            let danish = danish.as_str().unwrap();
            assert!(
                !danish.contains("service-error") && !danish.contains("isn't supported"),
                "a Danish sentence, not an id or 23's English: {danish}"
            );
            b.goto("/?lang=en").await;
            let english = evaluate(
                b,
                "service-errors.js",
                "m.inVisitorWords('The file is too large.')",
            )
            .await;
            assert_eq!(english, json!("The file is too large to be accepted."));
        },
    )
    .await;
}
