//! Resumable.js chunked uploads: geometry, order, retries, simulated failures.

use reqwest::multipart::{Form, Part};

use super::*;

struct Upload<'a> {
    ts: &'a TestSandbox,
    token: String,
    data: Vec<u8>,
    chunk_size: usize,
}

impl Upload<'_> {
    fn chunk_count(&self) -> usize {
        (self.data.len() / self.chunk_size).max(1)
    }

    fn bytes_of(&self, number: usize) -> Vec<u8> {
        let start = (number - 1) * self.chunk_size;
        let end = if number == self.chunk_count() {
            self.data.len()
        } else {
            start + self.chunk_size
        };
        self.data[start..end].to_vec()
    }

    async fn send(&self, number: usize) -> reqwest::Response {
        self.send_bytes(number, self.bytes_of(number)).await
    }

    async fn send_bytes(&self, number: usize, bytes: Vec<u8>) -> reqwest::Response {
        // Shaped like Resumable.js: the chunk is an anonymous blob, the metadata are fields.
        let blob = Part::bytes(bytes)
            .file_name("blob")
            .mime_str("application/octet-stream")
            .unwrap();
        let form = Form::new()
            .text("upload_token", self.token.clone())
            .text("resumableChunkNumber", number.to_string())
            .text("resumableChunkSize", self.chunk_size.to_string())
            .text("resumableTotalSize", self.data.len().to_string())
            .text("resumableIdentifier", "1234-moviemp4")
            .text("resumableFilename", "movie.mp4")
            .text("resumableType", "video/mp4")
            .text("resumableTotalChunks", self.chunk_count().to_string())
            .part("file", blob);
        self.ts.redeem(form).await
    }
}

fn data(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 7 % 251) as u8).collect()
}

async fn upload(ts: &TestSandbox, len: usize, chunk_size: usize) -> Upload<'_> {
    let token = ts
        .upload_token(&[("return_url", "https://app.test/cb")])
        .await;
    Upload {
        ts,
        token,
        data: data(len),
        chunk_size,
    }
}

#[tokio::test]
async fn chunks_sent_out_of_order_with_a_retry_are_assembled_in_order() {
    let ts = spawn().await;
    let upload = upload(&ts, 4 * 1000 + 123, 1000).await;
    for number in [3, 1, 3, 4] {
        let response = upload.send(number).await;
        assert_eq!(response.status(), 200, "chunk {number}");
        assert!(
            ts.sandbox.photos().is_empty(),
            "not finished before every chunk is in"
        );
    }
    let last = upload.send(2).await;
    assert_eq!(
        last.status(),
        301,
        "the final chunk answers like a whole upload"
    );
    let (_, params) = location_pairs(&last);
    let photo = &ts.sandbox.photos()[0];
    assert!(params.contains(&("photo_id".to_owned(), photo.photo_id.to_string())));
    assert!(
        !params.iter().any(|(k, _)| k.starts_with("resumable")),
        "{params:?}"
    );
    assert_eq!(photo.resumable_identifier.as_deref(), Some("1234-moviemp4"));
    assert_eq!(photo.original_filename, "movie.mp4");
    assert!(std::fs::read(&photo.stored_at).unwrap() == upload.data);
    assert!(
        std::fs::read_dir(ts.storage.path().join("store/chunks"))
            .unwrap()
            .next()
            .is_none(),
        "chunks cleaned up"
    );
}

#[tokio::test]
async fn chunks_sent_all_at_once_are_assembled_exactly_once() {
    let ts = spawn().await;
    let upload = upload(&ts, 8 * 1000 + 500, 1000).await;
    let responses = futures_util::future::join_all((1..=8).map(|n| upload.send(n))).await;
    let statuses: Vec<u16> = responses.iter().map(|r| r.status().as_u16()).collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 301).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        7,
        "{statuses:?}"
    );
    assert_eq!(ts.sandbox.photos().len(), 1);
    assert!(std::fs::read(&ts.sandbox.photos()[0].stored_at).unwrap() == upload.data);
}

#[tokio::test]
async fn a_file_of_two_and_a_half_chunk_sizes_is_two_chunks_with_a_long_last_one() {
    let ts = spawn().await;
    let upload = upload(&ts, 2500, 1000).await;
    assert_eq!(upload.send(1).await.status(), 200);
    let last = upload.send_bytes(2, upload.data[1000..].to_vec()).await;
    assert_eq!(last.status(), 301);
    assert_eq!(ts.sandbox.photos()[0].size, 2500);
}

#[tokio::test]
async fn a_chunk_of_the_wrong_size_is_refused_with_a_retryable_status_and_not_stored() {
    let ts = spawn().await;
    let upload = upload(&ts, 2500, 1000).await;
    let short = upload.send_bytes(1, vec![0; 999]).await;
    assert_eq!(short.status(), 400);
    let third = upload.send_bytes(3, vec![0; 500]).await;
    assert_eq!(
        third.status(),
        400,
        "there is no third chunk of 2500 in 1000s"
    );
    assert_eq!(upload.send(1).await.status(), 200);
    assert_eq!(upload.send(2).await.status(), 301);
    assert!(std::fs::read(&ts.sandbox.photos()[0].stored_at).unwrap() == upload.data);
}

#[tokio::test]
async fn a_file_smaller_than_the_chunk_size_is_one_chunk() {
    let ts = spawn().await;
    let upload = upload(&ts, 300, 1000).await;
    assert_eq!(upload.send(1).await.status(), 301);
    assert_eq!(ts.sandbox.photos()[0].size, 300);
}

#[tokio::test]
async fn simulated_chunk_failures_answer_the_status_then_stop() {
    let ts = spawn().await;
    let upload = upload(&ts, 2000, 1000).await;
    ts.sandbox.fail_next_chunks(2, 503);
    assert_eq!(upload.send(1).await.status(), 503);
    assert_eq!(upload.send(2).await.status(), 503);
    assert_eq!(
        upload.send(1).await.status(),
        200,
        "the failed chunks stored nothing"
    );
    assert!(ts.sandbox.photos().is_empty());
    assert_eq!(upload.send(2).await.status(), 301);
}

#[tokio::test]
async fn a_chunk_for_an_unknown_token_gets_500_so_clients_abort() {
    let ts = spawn().await;
    let mut upload = upload(&ts, 2000, 1000).await;
    upload.token = "nope".into();
    let response = upload.send(1).await;
    assert_eq!(response.status(), 500);
    assert_eq!(
        ts.text_of(response).await,
        "The upload token is invalid or has expired."
    );
}

#[tokio::test]
async fn a_chunk_of_an_unsupported_type_gets_500() {
    let ts = spawn().await;
    let upload = upload(&ts, 2000, 1000).await;
    let blob = Part::bytes(vec![0; 1000])
        .file_name("blob")
        .mime_str("application/octet-stream")
        .unwrap();
    let form = Form::new()
        .text("upload_token", upload.token.clone())
        .text("resumableChunkNumber", "1")
        .text("resumableChunkSize", "1000")
        .text("resumableTotalSize", "2000")
        .text("resumableIdentifier", "doc")
        .text("resumableFilename", "report.pdf")
        .text("resumableType", "application/pdf")
        .part("file", blob);
    let response = ts.redeem(form).await;
    assert_eq!(response.status(), 500);
    assert_eq!(ts.text_of(response).await, "The file type isn't supported");
}

#[tokio::test]
async fn two_files_on_one_multi_use_token_become_two_photos() {
    let ts = spawn().await;
    let token = ts.upload_token(&[("max_uploads", "2")]).await;
    for identifier in ["first", "second"] {
        let blob = Part::bytes(vec![1; 10]).file_name("blob");
        let form = Form::new()
            .text("upload_token", token.clone())
            .text("resumableChunkNumber", "1")
            .text("resumableChunkSize", "100")
            .text("resumableTotalSize", "10")
            .text("resumableIdentifier", identifier)
            .text("resumableFilename", format!("{identifier}.mp4"))
            .part("file", blob);
        assert_eq!(ts.text_of(ts.redeem(form).await).await, "OK");
    }
    let identifiers: Vec<_> = ts
        .sandbox
        .photos()
        .into_iter()
        .map(|p| p.resumable_identifier.unwrap())
        .collect();
    assert_eq!(identifiers, ["first", "second"]);
}

#[tokio::test]
async fn once_its_token_has_expired_a_half_sent_upload_is_forgotten_with_its_chunks() {
    let ts = spawn().await;
    let upload = upload(&ts, 3 * 1000, 1000).await;
    assert_eq!(upload.send(1).await.status(), 200);
    let chunks = ts.storage.path().join("store").join("chunks");
    assert_eq!(
        std::fs::read_dir(&chunks).unwrap().count(),
        1,
        "one chunk folder"
    );
    let other = ts.upload_token(&[]).await;

    ts.sandbox.expire_token(&upload.token);
    let forgotten = ts.sandbox.sweep(std::time::SystemTime::now());

    assert_eq!(forgotten, 1, "only the expired token");
    assert!(ts.sandbox.upload_token(&upload.token).is_none());
    assert!(ts.sandbox.upload_token(&other).is_some());
    assert!(ts.sandbox.state().chunked_uploads.is_empty());
    assert_eq!(
        std::fs::read_dir(&chunks).unwrap().count(),
        0,
        "chunks deleted"
    );
}

/// Chunks are written into the upload's file as they are read, so a resend of an accepted chunk
/// that arrives short has already overwritten part of it: the chunk must count as missing again.
#[tokio::test]
async fn an_accepted_chunk_resent_short_must_arrive_whole_again_before_the_file_completes() {
    let ts = spawn().await;
    let upload = upload(&ts, 3000, 1000).await;
    assert_eq!(upload.send(1).await.status(), 200);
    assert_eq!(upload.send(2).await.status(), 200);
    let short = upload.send_bytes(1, vec![0xAA; 999]).await;
    assert_eq!(short.status(), 400);
    assert_eq!(
        upload.send(3).await.status(),
        200,
        "chunk 1 is missing again, so chunk 3 does not complete the file"
    );
    assert!(ts.sandbox.photos().is_empty());
    assert_eq!(upload.send(1).await.status(), 301);
    assert!(std::fs::read(&ts.sandbox.photos()[0].stored_at).unwrap() == upload.data);
}
