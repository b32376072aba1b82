//! The 23 API calls the portal makes: which path, which parameters, whether a retry is safe,
//! and what the answer must contain. 23's side of each is described in `docs/23-api.md`.

use std::time::Duration;

use reqwest::Method;

use super::client::Client;
use super::error::ApiError;
use super::transport::{Params, Retry};
use super::types::{
    PermissionLevel, PhotoList, PhotoListQuery, PhotoUpdate, UploadToken, UploadTokenRequest,
    UploadTokenUpdate, token_prefix,
};

const GET_UPLOAD_TOKEN: &str = "/api/photo/get-upload-token";
const UPDATE_UPLOAD_TOKEN: &str = "/api/photo/update-upload-token";
const PHOTO_LIST: &str = "/api/photo/list";
const PHOTO_UPDATE: &str = "/api/photo/update";
const PHOTO_DELETE: &str = "/api/photo/delete";
const ALBUM_LIST: &str = "/api/album/list";

impl Client {
    /// Asks 23 for a browser upload token. Never retried: a second token would just expire
    /// unused, but the caller should decide whether to ask again.
    pub async fn get_upload_token(
        &self,
        request: &UploadTokenRequest,
    ) -> Result<UploadToken, ApiError> {
        let mut params = Params::new();
        push(&mut params, "title", Some(&request.title));
        push(&mut params, "description", Some(&request.description));
        push(&mut params, "tags", Some(&request.tags));
        push(&mut params, "publish", Some(flag(request.publish)));
        push(&mut params, "album_id", request.album_id.as_deref());
        let valid_minutes = request.valid_minutes.map(|m| m.to_string());
        push(&mut params, "valid_minutes", valid_minutes);
        let max_uploads = request.max_uploads.map(|m| m.to_string());
        push(&mut params, "max_uploads", max_uploads);
        push(&mut params, "return_url", Some(&request.return_url));
        let document = self
            .call(Method::POST, GET_UPLOAD_TOKEN, params, Retry::Never)
            .await?;
        let token = document.upload_token()?;
        tracing::debug!(
            upload_token = token_prefix(&token.upload_token),
            valid_until = token.valid_until,
            "23 issued an upload token"
        );
        Ok(token)
    }

    /// Lists photos matching `query`. Retried once on a connect error or 502/503/504.
    pub async fn photo_list(&self, query: &PhotoListQuery) -> Result<PhotoList, ApiError> {
        let mut params = Params::new();
        push(
            &mut params,
            "photo_id",
            query.photo_id.map(|id| id.to_string()),
        );
        push(&mut params, "token", query.token.as_deref());
        push(&mut params, "upload_token", query.upload_token.as_deref());
        if query.include_unpublished {
            push(&mut params, "include_unpublished_p", Some("1"));
        }
        push(
            &mut params,
            "video_encoded_p",
            query.video_encoded.map(flag),
        );
        push(&mut params, "p", query.page.map(|p| p.to_string()));
        push(&mut params, "size", query.size.map(|s| s.to_string()));
        self.call(Method::GET, PHOTO_LIST, params, Retry::OnceIfTransient)
            .await?
            .photo_list()
    }

    /// Changes the title, description or tags of what was (or will be) uploaded with a token.
    pub async fn update_upload_token(&self, update: &UploadTokenUpdate) -> Result<(), ApiError> {
        let mut params = Params::new();
        push(&mut params, "upload_token", Some(&update.upload_token));
        push(&mut params, "title", update.title.as_deref());
        push(&mut params, "description", update.description.as_deref());
        push(&mut params, "tags", update.tags.as_deref());
        self.call(Method::POST, UPDATE_UPLOAD_TOKEN, params, Retry::Never)
            .await
            .map(drop)
    }

    /// Changes a video 23 already has, e.g. publishes it once the operator approved it. Never
    /// retried here: the caller (a job working from the outbox) retries on its own schedule, and
    /// sending the same update twice is harmless.
    pub async fn photo_update(&self, update: &PhotoUpdate) -> Result<(), ApiError> {
        let mut params = Params::new();
        push(&mut params, "photo_id", Some(update.photo_id.to_string()));
        push(&mut params, "title", update.title.as_deref());
        push(&mut params, "description", update.description.as_deref());
        push(&mut params, "tags", update.tags.as_deref());
        push(&mut params, "album_id", update.album_id.as_deref());
        push(&mut params, "published_p", update.published.map(flag));
        self.call(Method::POST, PHOTO_UPDATE, params, Retry::Never)
            .await
            .map(drop)
    }

    /// Deletes a video from 23. A video that is already gone (`no_such_photo`, e.g. a retry
    /// whose first answer was lost) counts as deleted, so the caller's retries converge.
    pub async fn photo_delete(&self, photo_id: i64) -> Result<(), ApiError> {
        let params = vec![("photo_id".to_owned(), photo_id.to_string())];
        match self
            .call(Method::POST, PHOTO_DELETE, params, Retry::Never)
            .await
        {
            Ok(_) => Ok(()),
            Err(ApiError::Api { code, .. }) if code == "no_such_photo" => {
                tracing::info!(photo_id, "23 no longer has the video; counted as deleted");
                Ok(())
            }
            Err(error) => Err(error),
        }
    }

    /// Whether the site has the album (channel) `album_id`, hidden ones included (signed, so
    /// `include_hidden_p` is allowed: an operator may collect into a hidden album). An unknown id
    /// answers an empty list; `no_such_album` and `invalid_album`, which 23 also documents, mean
    /// the same (`docs/23-api.md` §12.3). Retried once on a connect error or 502/503/504.
    pub async fn album_exists(&self, album_id: &str) -> Result<bool, ApiError> {
        let params = vec![
            ("album_id".to_owned(), album_id.to_owned()),
            ("include_hidden_p".to_owned(), "1".to_owned()),
            ("size".to_owned(), "1".to_owned()),
        ];
        match self
            .call(Method::GET, ALBUM_LIST, params, Retry::OnceIfTransient)
            .await
        {
            Ok(document) => Ok(document.album_ids().iter().any(|id| id == album_id)),
            Err(ApiError::Api { code, .. })
                if code == "no_such_album" || code == "invalid_album" =>
            {
                Ok(false)
            }
            Err(error) => Err(error),
        }
    }

    /// Proves the credentials are accepted and may create upload tokens.
    ///
    /// Asking for a real upload token would prove it too, but leaves a live bearer token on the
    /// site each time. Instead this makes the cheapest signed read (one unpublished-inclusive
    /// photo) and reads `permission_level`, which 23 puts in every envelope: a bad signature
    /// fails the call itself, and anything below `write` cannot call get-upload-token.
    pub async fn check_credentials(&self) -> Result<(), ApiError> {
        let params = vec![
            ("size".to_owned(), "1".to_owned()),
            ("include_unpublished_p".to_owned(), "1".to_owned()),
        ];
        let document = self
            .call(Method::GET, PHOTO_LIST, params, Retry::OnceIfTransient)
            .await?;
        let level = document
            .permission_level()
            .ok_or_else(|| ApiError::Malformed("the envelope has no permission_level".into()))?;
        match PermissionLevel::parse(level) {
            Some(parsed) if parsed >= PermissionLevel::Write => Ok(()),
            Some(_) => Err(ApiError::Api {
                code: "permission_denied".into(),
                message: format!(
                    "the credentials have permission level '{level}'; uploads need 'write'"
                ),
            }),
            None => Err(ApiError::Malformed(
                "permission_level is not one of 23's levels".into(),
            )),
        }
    }

    /// [`Client::check_credentials`], abandoned after `limit` (shorter than the client's own
    /// budget, for a readiness probe). An abandoned call cannot report itself, so it is reported
    /// here as a timeout.
    pub async fn check_credentials_within(&self, limit: Duration) -> Result<(), ApiError> {
        match tokio::time::timeout(limit, self.check_credentials()).await {
            Ok(result) => result,
            Err(_) => {
                let timeout = ApiError::Timeout;
                self.observer.observe(PHOTO_LIST, limit, Err(&timeout));
                Err(timeout)
            }
        }
    }
}

/// Adds a parameter unless it is absent or empty: 23 treats both the same, and fewer params
/// mean fewer chances for a signing mismatch.
fn push(params: &mut Params, name: &str, value: Option<impl AsRef<str>>) {
    if let Some(value) = value.filter(|v| !v.as_ref().is_empty()) {
        params.push((name.to_owned(), value.as_ref().to_owned()));
    }
}

fn flag(value: bool) -> &'static str {
    if value { "1" } else { "0" }
}

#[cfg(test)]
#[path = "calls_tests.rs"]
mod tests;
