//! The decisions job: makes the 23 calls of approvals, rejections and withdrawals from their
//! outbox rows, every `POLL`, until 23 has done each (the use case keeps the retry schedule).

use std::time::Duration;

use actix_web::web;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use tracing::Instrument as _;

use crate::flows::carry_out_due;
use crate::state::AppState;

/// How often the outbox of decisions is looked at: a decision reaches 23 within about this long.
const POLL: Duration = Duration::from_secs(1);

pub fn spawn(state: web::Data<AppState>, stop: CancellationToken) -> JoinHandle<()> {
    tokio::spawn(
        async move {
            loop {
                let busy = match carry_out_due(&state).await {
                    Ok(done) => done > 0,
                    Err(error) => {
                        tracing::warn!(%error, "could not read the decisions outbox");
                        false
                    }
                };
                if stop.is_cancelled() {
                    break;
                }
                if busy {
                    continue;
                }
                tokio::select! {
                    _ = stop.cancelled() => break,
                    _ = tokio::time::sleep(POLL) => {}
                }
            }
        }
        .instrument(tracing::info_span!("job", job = "decisions")),
    )
}
