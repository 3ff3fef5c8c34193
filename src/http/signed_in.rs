//! Who is signed in, for the pages of errors answered while a request runs: an error page
//! shows the same header as every other page, never one that looks signed out.

use std::sync::{Arc, Mutex};

use crate::views::CtxUser;

tokio::task_local! {
    static SIGNED_IN: Option<CtxUser>;
    /// Who the request turned out to be from, kept for the layers outside sign-in: a
    /// request cut by the time limit is answered there.
    static REMEMBERED: Arc<Mutex<Option<CtxUser>>>;
}

/// Runs `future` (the whole request, from the outermost layer) so that an answer made
/// outside the sign-in layer still knows who was signed in.
pub(super) async fn remembering<F: std::future::Future>(future: F) -> F::Output {
    REMEMBERED.scope(Arc::default(), future).await
}

/// Runs `future` (the rest of a request) knowing who is signed in.
pub(super) async fn with_signed_in<F: std::future::Future>(
    user: Option<CtxUser>,
    future: F,
) -> F::Output {
    let _outside_a_request = REMEMBERED.try_with(|slot| {
        if let Ok(mut slot) = slot.lock() {
            slot.clone_from(&user);
        }
    });
    SIGNED_IN.scope(user, future).await
}

/// The person signed in for the request being answered, if any.
pub(super) fn signed_in() -> Option<CtxUser> {
    SIGNED_IN.try_with(Clone::clone).ok().flatten().or_else(|| {
        REMEMBERED
            .try_with(|slot| slot.lock().ok().and_then(|user| user.clone()))
            .ok()
            .flatten()
    })
}
