//! Following confirmed videos until 23 has encoded them, then keeping their thumbnail and length.
//!
//! Asking about each video separately costs one call per video per look, which at a thousand
//! videos in flight is hundreds of calls a minute. So a round first lists the site's videos that
//! are *not yet encoded* (`video_encoded_p=0`, 100 a page): ours in that list need no call of
//! their own. Ours missing from a complete list have finished (or were deleted); a listing of
//! encoded videos, newest first, finds most of them with their thumbnails. Only what neither
//! listing settles is asked about one by one, as before.

use std::collections::{HashMap, HashSet};

use super::FlowError;
use super::changes::{VideoEncoded, apply};
use super::reconcile::encoded;
use crate::state::AppState;
use crate::twentythree::{
    ApiError, LIST_PAGE_MAX as PAGE_SIZE, Photo as ListedPhoto, PhotoListQuery,
};
use crate::uploads::Photo;

/// Pages of unencoded videos read per round at most; beyond that, videos are asked about singly.
pub const MAX_ENCODING_PAGES: u32 = 20;
/// Pages of encoded videos read per round at most: finished videos are recent, so near the top.
const MAX_ENCODED_PAGES: u32 = 5;

/// What one round learnt about the videos it was given.
#[derive(Debug, Default)]
pub struct Round {
    /// 23 listed these as still being encoded.
    pub encoding: Vec<Photo>,
    /// Found encoded in a listing and recorded as ready.
    pub ready: Vec<Photo>,
    /// Neither listing settled these: ask about each (or the recording failed).
    pub unsettled: Vec<Photo>,
}

/// Settles as many of `photos` as listings can. Fails only when the first page of unencoded
/// videos cannot be read (23 down, or credentials without `read`): then nothing is known.
pub async fn refresh_round(state: &AppState, photos: &[Photo]) -> Result<Round, FlowError> {
    let wanted: HashSet<i64> = photos.iter().map(|p| p.photo_id).collect();
    let pages = page_budget(photos.len(), MAX_ENCODING_PAGES);
    let listing = page_through(state, false, &wanted, pages).await?;
    let mut round = Round::default();
    let mut finished = Vec::new();
    for photo in photos {
        match listing.found.get(&photo.photo_id) {
            // A 23 that ignored the filter still told us everything needed.
            Some(listed) if listed.video_encoded => record(state, photo, listed, &mut round).await,
            Some(_) => round.encoding.push(photo.clone()),
            None if listing.complete => finished.push(photo.clone()),
            None => round.unsettled.push(photo.clone()),
        }
    }
    settle_finished(state, finished, &mut round).await;
    Ok(round)
}

/// Finds videos missing from the complete list of unencoded ones in the list of encoded ones,
/// which carries their thumbnails; what it does not show is left to be asked about singly.
async fn settle_finished(state: &AppState, finished: Vec<Photo>, round: &mut Round) {
    // For a single finished video, asking about it directly is as cheap as a page.
    if finished.len() < 2 {
        return round.unsettled.extend(finished);
    }
    let wanted: HashSet<i64> = finished.iter().map(|p| p.photo_id).collect();
    let pages = page_budget(finished.len(), MAX_ENCODED_PAGES);
    let listing = match page_through(state, true, &wanted, pages).await {
        Ok(listing) => listing,
        Err(error) => {
            tracing::warn!(%error, "could not list encoded videos; asking about each");
            return round.unsettled.extend(finished);
        }
    };
    for photo in finished {
        match listing.found.get(&photo.photo_id) {
            Some(listed) if listed.video_encoded => record(state, &photo, listed, round).await,
            _ => round.unsettled.push(photo),
        }
    }
}

/// Never more pages than videos: a listing must not cost more than asking about each.
fn page_budget(videos: usize, cap: u32) -> u32 {
    u32::try_from(videos).unwrap_or(u32::MAX).clamp(1, cap)
}

/// The wanted videos one paged listing showed, and whether it read the whole list.
struct Listing {
    found: HashMap<i64, ListedPhoto>,
    complete: bool,
}

/// Reads unpublished-inclusive pages of photo/list with `video_encoded_p` = `encoded` until all
/// of `wanted` were seen, the list ended, or `max_pages` were read. A failure after the first
/// page ends the listing early, as incomplete, rather than throwing away what was read.
async fn page_through(
    state: &AppState,
    encoded: bool,
    wanted: &HashSet<i64>,
    max_pages: u32,
) -> Result<Listing, ApiError> {
    let mut listing = Listing {
        found: HashMap::new(),
        complete: false,
    };
    for page in 1..=max_pages {
        let query = PhotoListQuery {
            include_unpublished: true,
            video_encoded: Some(encoded),
            page: Some(page),
            size: Some(PAGE_SIZE),
            ..Default::default()
        };
        let list = match state.client.photo_list(&query).await {
            Ok(list) => list,
            Err(error) if page == 1 => return Err(error),
            Err(error) => {
                tracing::warn!(%error, page, encoded, "a listing page failed; the rest is asked singly");
                break;
            }
        };
        let read = list.photos.len() as u64;
        for listed in list.photos {
            if wanted.contains(&listed.photo_id) {
                listing.found.insert(listed.photo_id, listed);
            }
        }
        if read < u64::from(PAGE_SIZE) || u64::from(page) * u64::from(PAGE_SIZE) >= list.total_count
        {
            listing.complete = true;
            break;
        }
        if listing.found.len() == wanted.len() {
            break;
        }
    }
    Ok(listing)
}

/// Records a video a listing showed encoded; if that fails, it is left to be asked about.
async fn record(state: &AppState, photo: &Photo, listed: &ListedPhoto, round: &mut Round) {
    match record_encoded(state, photo, listed).await {
        Ok(()) => round.ready.push(photo.clone()),
        Err(error) => {
            tracing::warn!(photo_id = photo.photo_id, %error, "could not record an encoded video");
            round.unsettled.push(photo.clone());
        }
    }
}

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
    record_encoded(state, photo, listed).await?;
    Ok(true)
}

/// The one way a video becomes ready here, whichever call showed it encoded.
async fn record_encoded(
    state: &AppState,
    photo: &Photo,
    listed: &ListedPhoto,
) -> Result<(), FlowError> {
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
    Ok(())
}
