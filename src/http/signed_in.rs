//! Who is signed in, for the pages of errors answered while a request runs: an error page
//! shows the same header as every other page, never one that looks signed out.

use crate::views::CtxUser;

tokio::task_local! {
    static SIGNED_IN: Option<CtxUser>;
}

/// Runs `future` (the rest of a request) knowing who is signed in.
pub(super) async fn with_signed_in<F: std::future::Future>(
    user: Option<CtxUser>,
    future: F,
) -> F::Output {
    SIGNED_IN.scope(user, future).await
}

/// The person signed in for the request being answered, if any.
pub(super) fn signed_in() -> Option<CtxUser> {
    SIGNED_IN.try_with(Clone::clone).ok().flatten()
}
