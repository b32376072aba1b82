//! The reconciler's change detector (issues 13 and 14): one signed `photo/list` of the site's
//! newest videos per round, instead of one `photo/list?upload_token=…` per pending token.
//!
//! A lost callback leaves a video on 23 that no upload of ours records. So each round lists the
//! newest videos (docs/23-api.md §8.10: newest first, [inferred]) and looks only at those not in
//! the photos table. If there are none, no token can have a lost callback and no token is asked
//! about. For each unclaimed video, first the open tokens with its title are marked due (the
//! visitor's own title travels to 23 with the token); if it stays unclaimed once they have been
//! asked (a title edited on 23, or a video the operator uploaded elsewhere), every open token made
//! before it is marked due once: a sweep. The claim then takes marked tokens fairly, round-robin
//! across visitors, a batch per tick.
//!
//! What is "once" is decided from the database, not from memory: a token needs asking only if its
//! last successful check started before this instance first saw the video. A check that started
//! later would have listed it. So a foreign video costs one sweep, never one per round, and two
//! instances (each with its own detector) never ask twice about a token the other already asked.

use std::collections::{HashMap, HashSet};

use super::FlowError;
use super::reconcile::{FORGET_AFTER_SECS, now_millis};
use crate::state::AppState;
use crate::store::SweepScope;
use crate::twentythree::{LIST_PAGE_MAX as PAGE_SIZE, Photo, PhotoListQuery};

/// Pages per round at most: more than 500 new videos in one round is a site we fall behind on
/// for a round or two, not one to hammer.
const MAX_PAGES: u32 = 5;
/// How far 23's clock may be from ours when a video's creation date bounds which tokens could
/// have made it: generous, since a token wrongly excluded waits for the safety net.
const CLOCK_SLACK_SECS: i64 = 600;
/// Title matches go this much earlier than the sweep in their visitor's line.
const TITLE_FIRST_SECS: i64 = 86_400;

/// What the detector remembers between rounds: the unclaimed videos it is looking at, by photo id.
/// Only those still in the newest listing are kept, so it stays as small as the listing.
#[derive(Debug, Default)]
pub struct UnclaimedWatch {
    sightings: HashMap<i64, Sighting>,
}

#[derive(Debug, Clone)]
struct Sighting {
    /// Our clock (Unix milliseconds) when this instance first had an answer listing the video:
    /// a check that started later certainly saw it.
    first_seen: i64,
    /// The newest a token that made it can be.
    created_by: i64,
    title: String,
    step: Step,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    /// Asking the open tokens with the video's title.
    Title,
    /// Asking every open token made before it.
    Sweep,
    /// Every token that could have made it was asked after it appeared; nothing more to do.
    Settled,
}

/// One round's findings.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct DetectorRound {
    /// Videos in the listing that no upload records.
    pub unclaimed: usize,
    /// Tokens made due this round.
    pub marked: u64,
}

/// Lists the newest videos and marks due the tokens that may own one nobody claimed. An error
/// means the site could not be listed: the caller falls back to asking about each token.
pub async fn watch_for_unclaimed(
    state: &AppState,
    watch: &mut UnclaimedWatch,
    now: i64,
    lease: i64,
) -> Result<DetectorRound, FlowError> {
    let unclaimed = list_unclaimed(state, watch).await?;
    let listed_at = now_millis();
    let mut sightings = HashMap::with_capacity(unclaimed.len());
    for photo in &unclaimed {
        let sighting = watch
            .sightings
            .remove(&photo.photo_id)
            .unwrap_or_else(|| first_sight(photo, now, listed_at));
        sightings.insert(photo.photo_id, sighting);
    }
    watch.sightings = sightings;
    let mut marked = 0;
    for (photo_id, sighting) in &mut watch.sightings {
        marked += step(state, *photo_id, sighting, now, lease).await?;
    }
    Ok(DetectorRound {
        unclaimed: unclaimed.len(),
        marked,
    })
}

/// The newest videos no upload records. Pages on only while a whole page is new to us (neither
/// recorded nor seen last round): the rest was looked at before.
async fn list_unclaimed(state: &AppState, watch: &UnclaimedWatch) -> Result<Vec<Photo>, FlowError> {
    let mut unclaimed = Vec::new();
    for page in 1..=MAX_PAGES {
        let query = PhotoListQuery {
            include_unpublished: true,
            page: Some(page),
            size: Some(PAGE_SIZE),
            ..Default::default()
        };
        let photos = state.client.photo_list(&query).await?.photos;
        let recorded = recorded_among(state, &photos).await?;
        let familiar = photos
            .iter()
            .any(|p| recorded.contains(&p.photo_id) || watch.sightings.contains_key(&p.photo_id));
        let last_page = photos.len() < PAGE_SIZE as usize;
        unclaimed.extend(
            photos
                .into_iter()
                .filter(|p| !recorded.contains(&p.photo_id)),
        );
        if familiar || last_page {
            break;
        }
    }
    Ok(unclaimed)
}

/// Which of these videos an upload records.
async fn recorded_among(state: &AppState, photos: &[Photo]) -> Result<HashSet<i64>, FlowError> {
    let ids = photos.iter().map(|p| p.photo_id);
    let (Some(lo), Some(hi)) = (ids.clone().min(), ids.max()) else {
        return Ok(HashSet::new());
    };
    Ok(state
        .store
        .recorded_photo_ids(lo, hi)
        .await?
        .into_iter()
        .collect())
}

fn first_sight(photo: &Photo, now: i64, listed_at: i64) -> Sighting {
    let created_by = photo.creation_date_epoch.map_or(now, |created| {
        now.min(created.saturating_add(CLOCK_SLACK_SECS))
    });
    Sighting {
        first_seen: listed_at,
        created_by,
        title: photo.title.clone(),
        // An empty title matches nothing in particular.
        step: if photo.title.is_empty() {
            Step::Sweep
        } else {
            Step::Title
        },
    }
}

/// Moves one unclaimed video along: marks the tokens still to ask, or moves to the next step
/// when none is left. Returns how many tokens it marked.
async fn step(
    state: &AppState,
    photo_id: i64,
    sighting: &mut Sighting,
    now: i64,
    lease: i64,
) -> Result<u64, FlowError> {
    let mut scope = SweepScope {
        now,
        forget_after: FORGET_AFTER_SECS,
        created_by: sighting.created_by,
        unchecked_since: sighting.first_seen,
        title: Some(&sighting.title),
    };
    if sighting.step == Step::Title {
        if state.store.count_in_sweep(&scope).await? > 0 {
            let due = sighting.first_seen / 1000 - TITLE_FIRST_SECS;
            return Ok(state.store.mark_sweep(&scope, due, lease).await?);
        }
        sighting.step = Step::Sweep;
    }
    if sighting.step == Step::Sweep {
        scope.title = None;
        if state.store.count_in_sweep(&scope).await? > 0 {
            let marked = state
                .store
                .mark_sweep(&scope, sighting.first_seen / 1000, lease)
                .await?;
            if marked > 0 {
                tracing::info!(photo_id, marked, "no upload claims a new video; sweeping");
            }
            return Ok(marked);
        }
        sighting.step = Step::Settled;
        tracing::info!(photo_id, "no open upload owns this video; left alone");
    }
    Ok(0)
}
