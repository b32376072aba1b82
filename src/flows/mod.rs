//! The use cases: what the portal does with an upload, whoever asks. Routes parse HTTP and call
//! these; jobs decide *when* and call the same functions, so no rule has a second copy.
//!
//! Every write that changes an upload goes through [`changes::apply`].

pub mod callback;
pub mod campaign_openness;
mod campaign_save;
pub mod campaigns;
pub mod changes;
pub mod decide;
pub mod edit;
pub mod mint;
pub mod reconcile;
pub mod refresh;
pub mod renew;
pub mod tell;
pub mod unclaimed;

pub use callback::{CallbackError, record_callback};
pub use changes::apply;
pub use decide::{carry_out_due, decide, withdraw};
pub use edit::{EditError, edit_details};
pub use mint::{MintError, MintPlan, Requester, mint_with};
pub use reconcile::{FORGET_AFTER_SECS, Reconciled, check_upload, reconcile_upload};
pub use refresh::refresh_photo;
pub use renew::renew;
pub use unclaimed::{DetectorRound, UnclaimedWatch, watch_for_unclaimed};

use crate::store::StoreError;
use crate::twentythree::ApiError;

/// Why a use case that asks 23 and then writes could not finish.
#[derive(Debug, thiserror::Error)]
pub enum FlowError {
    #[error(transparent)]
    Api(#[from] ApiError),
    #[error(transparent)]
    Store(#[from] StoreError),
}
