//! Stopping gracefully: on SIGTERM or SIGINT, or when a test asks, the server drains its
//! in-flight requests while the background jobs stop between items.

use actix_web::dev::ServerHandle;
use tokio_util::sync::CancellationToken;

/// Stops an `Application` gracefully from elsewhere (tests; the signal handler).
#[derive(Clone)]
pub struct Stopper {
    server: ServerHandle,
    jobs: CancellationToken,
}

impl Stopper {
    pub fn new(server: ServerHandle, jobs: CancellationToken) -> Stopper {
        Stopper { server, jobs }
    }

    /// Stops accepting connections, lets in-flight requests finish, and asks the background jobs
    /// to stop after the item in hand. Returns once the server has stopped.
    pub async fn stop(&self) {
        self.jobs.cancel();
        self.server.stop(true).await;
    }
}

/// Waits for SIGTERM (what service managers and orchestrators send) or SIGINT (Ctrl-C). False if
/// they cannot be listened for, in which case only a `Stopper` stops the application.
pub async fn shutdown_signal() -> bool {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut terminate = match signal(SignalKind::terminate()) {
            Ok(terminate) => terminate,
            Err(error) => {
                tracing::warn!(%error, "cannot listen for SIGTERM");
                return false;
            }
        };
        tokio::select! {
            interrupted = tokio::signal::ctrl_c() => interrupted.is_ok(),
            _ = terminate.recv() => true,
        }
    }
    #[cfg(not(unix))]
    {
        tokio::signal::ctrl_c().await.is_ok()
    }
}
