//! A request body that keeps time: how long the handler waited for bytes the client had
//! not sent yet (so the request's time limit counts the handler's work, not a slow
//! upload), and a cut when no byte arrived for the idle limit (so a body that stopped does
//! not hold the server).

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::time::Instant;

use axum::body::{Body, Bytes};
use http_body::{Frame, SizeHint};

/// What the guard learns from a request's body.
#[derive(Debug, Default)]
pub struct BodyClock {
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    /// Since when the handler waits for bytes, if it does now.
    waiting_since: Option<Instant>,
    /// Time spent waiting for bytes before that.
    waited: Duration,
    /// No byte arrived for the idle limit: the body was cut.
    stalled: bool,
}

impl BodyClock {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Time the handler has spent waiting for the client's bytes, up to `now`.
    pub fn waited(&self, now: Instant) -> Duration {
        let state = self.lock();
        state.waited
            + state
                .waiting_since
                .map_or(Duration::ZERO, |since| now.saturating_duration_since(since))
    }

    /// True when the body was cut for arriving no more.
    pub fn stalled(&self) -> bool {
        self.lock().stalled
    }

    fn waiting(&self) {
        self.lock().waiting_since.get_or_insert_with(Instant::now);
    }

    fn arrived(&self) {
        let mut state = self.lock();
        if let Some(since) = state.waiting_since.take() {
            state.waited += since.elapsed();
        }
    }

    fn stall(&self) {
        let mut state = self.lock();
        if let Some(since) = state.waiting_since.take() {
            state.waited += since.elapsed();
        }
        state.stalled = true;
    }
}

/// The error a body cut for idleness gives whoever reads it.
#[derive(Debug, thiserror::Error)]
#[error("no part of the request body arrived for {0:?}")]
pub struct Stalled(pub Duration);

/// `inner`, timed by `clock`, cut after `idle` without a byte.
pub fn timed(inner: Body, idle: Duration, clock: Arc<BodyClock>) -> Body {
    Body::new(TimedBody {
        inner,
        idle,
        clock,
        timer: None,
        cut: false,
    })
}

struct TimedBody {
    inner: Body,
    idle: Duration,
    clock: Arc<BodyClock>,
    /// Runs while the handler waits for bytes; reset by each frame.
    timer: Option<Pin<Box<tokio::time::Sleep>>>,
    cut: bool,
}

impl http_body::Body for TimedBody {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let this = &mut *self;
        if this.cut {
            return Poll::Ready(Some(Err(axum::Error::new(Stalled(this.idle)))));
        }
        match Pin::new(&mut this.inner).poll_frame(cx) {
            Poll::Ready(frame) => {
                this.clock.arrived();
                this.timer = None;
                Poll::Ready(frame)
            }
            Poll::Pending => {
                this.clock.waiting();
                let idle = this.idle;
                let timer = this
                    .timer
                    .get_or_insert_with(|| Box::pin(tokio::time::sleep(idle)));
                if timer.as_mut().poll(cx).is_ready() {
                    this.clock.stall();
                    this.cut = true;
                    return Poll::Ready(Some(Err(axum::Error::new(Stalled(idle)))));
                }
                Poll::Pending
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.cut || self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use http_body_util::BodyExt;
    use tokio::sync::mpsc;

    use super::*;

    type Item = Result<Frame<Bytes>, axum::Error>;

    /// A request body fed from a channel, as a client sends it.
    fn channel_body() -> (mpsc::Sender<Item>, Body) {
        let (sender, receiver) = mpsc::channel::<Item>(1);
        let stream = futures_util::stream::unfold(receiver, |mut r| async move {
            r.recv().await.map(|item| (item, r))
        });
        (sender, Body::new(http_body_util::StreamBody::new(stream)))
    }

    #[tokio::test]
    async fn a_body_that_stops_arriving_is_cut_after_the_idle_limit_and_the_wait_is_counted() {
        let (sender, body) = channel_body();
        let clock = Arc::new(BodyClock::default());
        let idle = Duration::from_millis(200);
        let mut body = timed(body, idle, clock.clone());
        sender
            .send(Ok(Frame::data(Bytes::from_static(b"first"))))
            .await
            .expect("sent");
        let first = body.frame().await.expect("a frame").expect("data");
        assert_eq!(first.into_data().ok(), Some(Bytes::from_static(b"first")));
        assert!(!clock.stalled());
        let cut = body.frame().await.expect("an error").expect_err("cut");
        assert!(cut.to_string().contains("no part"), "{cut}");
        assert!(clock.stalled());
        assert!(clock.waited(Instant::now()) >= idle);
        drop(sender);
    }

    #[tokio::test]
    async fn a_slow_body_that_keeps_moving_is_never_cut() {
        let (sender, body) = channel_body();
        let clock = Arc::new(BodyClock::default());
        // Ten pieces 50 ms apart, against an idle limit twenty times that: half a second
        // of waiting in all, and never a whole idle limit without a byte.
        let mut body = timed(body, Duration::from_secs(1), clock.clone());
        let feeder = tokio::spawn(async move {
            for _ in 0..10 {
                tokio::time::sleep(Duration::from_millis(50)).await;
                let piece = Frame::data(Bytes::from_static(b"piece"));
                sender.send(Ok(piece)).await.expect("sent");
            }
        });
        let mut pieces = 0;
        while let Some(frame) = body.frame().await {
            frame.expect("never cut");
            pieces += 1;
        }
        feeder.await.expect("fed");
        assert_eq!(pieces, 10);
        assert!(!clock.stalled());
        // The time spent waiting for the client is counted as theirs, not the handler's.
        assert!(clock.waited(Instant::now()) >= Duration::from_millis(400));
    }
}
