//! The webhook delivery job: sends due events from the outbox whenever this instance commits one,
//! and at least every `POLL` for events other instances wrote, retries and taken-over leases.

use std::time::Duration;

use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use tracing::Instrument as _;

use crate::webhooks::{Deliverer, Outbox, Report};

/// How often the outbox is looked at without a nudge.
const POLL: Duration = Duration::from_secs(1);

/// Starts the job; `record` sees every attempt (metrics). It runs until `stop` is cancelled,
/// finishing the attempts in hand.
pub fn spawn(
    deliverer: Deliverer,
    outbox: Outbox,
    stop: CancellationToken,
    record: impl Fn(&Report) + Send + 'static,
) -> JoinHandle<()> {
    tokio::spawn(
        async move {
            loop {
                // A full batch means more may be due: go again at once.
                let busy = match deliverer.deliver_due(&stop).await {
                    Ok(reports) => {
                        reports.iter().for_each(&record);
                        !reports.is_empty()
                    }
                    Err(error) => {
                        tracing::warn!(%error, "could not read the webhook outbox");
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
                    _ = outbox.nudged() => {}
                    _ = tokio::time::sleep(POLL) => {}
                }
            }
        }
        .instrument(tracing::info_span!("job", job = "webhooks")),
    )
}
