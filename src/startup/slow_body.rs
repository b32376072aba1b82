//! Request bodies that trickle in are cut off with 408. actix-web's client request timeout covers
//! the headers only; a client sending one byte every few seconds would otherwise hold a worker's
//! connection (and a handler waiting on it) for as long as it likes.

use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use actix_web::HttpMessage as _;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::error::PayloadError;
use actix_web::http::ConnectionType;
use actix_web::middleware::Next;
use actix_web::web::Bytes;
use actix_web::{HttpResponse, HttpResponseBuilder};
use futures_util::Stream;
use tokio::time::{Instant, Sleep};

/// Time every body gets before the floor rate counts, so a slow start (TLS, a phone waking up)
/// is not punished.
const GRACE: Duration = Duration::from_secs(5);
/// The floor: on average at least this many bytes a second after the grace period.
const FLOOR_BYTES_PER_SEC: u64 = 1024;
/// However much credit fast bytes earned, this long without a byte ends the body.
const MAX_SILENCE: Duration = Duration::from_secs(30);

/// What the client reads, in its language (`routes::language` runs outside this middleware).
const TOO_SLOW: &str =
    "The request arrived too slowly. Please check your connection and try again.";

/// Middleware: wraps every request body so that one slower than the floor ends in 408.
pub(super) async fn cut_off_slow_bodies(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let payload = req.take_payload();
    let too_slow = Arc::new(AtomicBool::new(false));
    match payload {
        Payload::None => req.set_payload(Payload::None),
        inner => {
            let watched = Watched::new(inner, too_slow.clone());
            req.set_payload(Payload::Stream {
                payload: Box::pin(watched),
            });
        }
    }
    let response = next.call(req).await?;
    if !too_slow.load(Ordering::Relaxed) {
        return Ok(response.map_into_boxed_body());
    }
    tracing::info!("a request body arrived slower than the floor rate: cut off with 408");
    let mut timeout: HttpResponse =
        HttpResponseBuilder::new(actix_web::http::StatusCode::REQUEST_TIMEOUT)
            .content_type("text/plain; charset=utf-8")
            .body(crate::i18n::current().text(TOO_SLOW));
    // The rest of the body may still be on its way: never read it as the next request.
    timeout
        .head_mut()
        .set_connection_type(ConnectionType::Close);
    Ok(response.into_response(timeout))
}

/// A body that fails once it falls behind `GRACE + received / FLOOR_BYTES_PER_SEC`, or stays
/// silent for `MAX_SILENCE`.
struct Watched {
    inner: Payload,
    started: Instant,
    received: u64,
    deadline: Pin<Box<Sleep>>,
    too_slow: Arc<AtomicBool>,
}

impl Watched {
    fn new(inner: Payload, too_slow: Arc<AtomicBool>) -> Self {
        let started = Instant::now();
        Watched {
            inner,
            started,
            received: 0,
            deadline: Box::pin(tokio::time::sleep_until(started + GRACE)),
            too_slow,
        }
    }

    fn next_deadline(&self) -> Instant {
        let earned = Duration::from_secs_f64(self.received as f64 / FLOOR_BYTES_PER_SEC as f64);
        (self.started + GRACE + earned).min(Instant::now() + MAX_SILENCE)
    }
}

impl Stream for Watched {
    type Item = Result<Bytes, PayloadError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        match Pin::new(&mut this.inner).poll_next(cx) {
            Poll::Ready(Some(Ok(bytes))) => {
                this.received += bytes.len() as u64;
                let next = this.next_deadline();
                this.deadline.as_mut().reset(next);
                Poll::Ready(Some(Ok(bytes)))
            }
            Poll::Ready(other) => Poll::Ready(other),
            Poll::Pending => match this.deadline.as_mut().poll(cx) {
                Poll::Ready(()) => {
                    this.too_slow.store(true, Ordering::Relaxed);
                    let slow = std::io::Error::new(std::io::ErrorKind::TimedOut, "body too slow");
                    Poll::Ready(Some(Err(PayloadError::Io(slow))))
                }
                Poll::Pending => Poll::Pending,
            },
        }
    }
}
