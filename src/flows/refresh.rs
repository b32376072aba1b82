//! Following a confirmed video until 23 has encoded it, then keeping its thumbnail and length.

use super::FlowError;
use super::changes::{VideoEncoded, apply};
use super::reconcile::encoded;
use crate::state::AppState;
use crate::twentythree::PhotoListQuery;
use crate::uploads::Photo;

/// Asks 23 about one video; true once it is encoded (and recorded as ready).
pub async fn refresh_photo(state: &AppState, photo: &Photo) -> Result<bool, FlowError> {
    let query = PhotoListQuery {
        photo_id: Some(photo.photo_id),
        token: photo.token.clone(),
        include_unpublished: true,
        ..Default::default()
    };
    let list = state.client.photo_list(&query).await?;
    let Some(listed) = list.photos.iter().find(|p| p.photo_id == photo.photo_id) else {
        return Ok(false);
    };
    if !listed.video_encoded {
        return Ok(false);
    }
    let change = VideoEncoded {
        upload_id: photo.upload_id,
        photo_id: photo.photo_id,
        video: &encoded(state, listed),
    };
    apply(state, change).await?;
    tracing::info!(
        upload_id = photo.upload_id,
        photo_id = photo.photo_id,
        "video encoded"
    );
    Ok(true)
}
