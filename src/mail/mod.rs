//! Mail to the operator about new videos (issue 22): one per upload or an hourly digest, sent
//! over SMTP from an outbox in the database so a mail server that is down delays mail but loses
//! none.
//!
//! `settings` reads `SMTP_URL` and `NOTIFY_*`, `message` writes the mail, `transport` talks to the
//! server, and `delivery` claims due rows from the outbox and records each attempt. The outbox row
//! itself is written by the use case that records the upload's video, in the same transaction.

pub mod delivery;
pub mod message;
pub mod outbox;
pub mod settings;
pub mod transport;

pub use delivery::MailDeliverer;
pub use message::{Notice, admin_link};
pub use outbox::MailOutbox;
pub use settings::{MailSettings, NotifyMode};
pub use transport::Mailer;
