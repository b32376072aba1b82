//! The operator's mail job: sends due mail from the outbox, on the instance that holds the job's
//! lease (`leader`), so of instances sharing a database one talks to the mail server and a digest
//! is one mail, not one per instance. Each row is still claimed before it is sent.

use std::sync::Arc;
use std::time::Duration;

use actix_web::web;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use tracing::Instrument as _;

use super::leader::Leadership;
use crate::mail::{MailDeliverer, MailOutbox};
use crate::state::AppState;

/// How often the outbox is looked at without a nudge, and the length of the job's lease: mail
/// reaches the server within about this long, from whichever instance leads.
const ROUND: Duration = Duration::from_secs(5);

/// Starts the job; it runs until `stop` is cancelled, finishing the mail in hand.
pub fn spawn(
    state: web::Data<AppState>,
    deliverer: MailDeliverer,
    outbox: MailOutbox,
    holder: Arc<str>,
    stop: CancellationToken,
) -> JoinHandle<()> {
    tokio::spawn(
        async move {
            let lead = Leadership::new("mail", holder, ROUND);
            let renewals = lead.keep_up(state.clone(), stop.clone());
            loop {
                tokio::select! {
                    _ = stop.cancelled() => break,
                    _ = outbox.nudged() => {}
                    _ = tokio::time::sleep(ROUND) => {}
                }
                // A nudge on an instance that does not lead waits for the leader's next round.
                while lead.leads() && !stop.is_cancelled() {
                    match deliverer.send_due().await {
                        // Told of some: more may be due (a full batch), go again at once.
                        Ok(told) if told > 0 => continue,
                        Ok(_) => break,
                        Err(error) => {
                            tracing::warn!(%error, "could not read the mail outbox");
                            break;
                        }
                    }
                }
            }
            let _ = renewals.await;
            lead.step_down(&state).await;
        }
        .instrument(tracing::info_span!("job", job = "mail")),
    )
}
