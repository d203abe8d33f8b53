//! The transaction pool's background tasks, spawned as essential tasks whose end at shutdown
//! is not reported as a failure.
//!
//! The SDK's pool spawns its background work (`txpool-background`) as *essential* tasks: if
//! one ends, the node logs "Essential task `txpool-background` failed. Shutting down
//! service." and stops. When an operator stops the node (SIGTERM, Ctrl-C), the pool's
//! channels close while the node is shutting down and its task ends normally, so every
//! clean stop logged that error. Here the end of a pool task is reported only if the node is
//! still running `GRACE` later: during a shutdown, the node's tasks are dropped before then
//! and nothing is reported; a pool that stops while the node runs still stops the node.

use futures::{future::BoxFuture, FutureExt};
use sc_service::SpawnEssentialTaskHandle;
use sp_core::traits::SpawnEssentialNamed;
use std::time::Duration;

/// How long after a pool task ended the node must still be running for the end to count as
/// a failure: longer than the node takes to stop.
const GRACE: Duration = Duration::from_secs(10);

/// Spawns the pool's tasks through the node's essential task handle, each followed by
/// `GRACE` (see the module documentation).
#[derive(Clone)]
pub struct PoolTasks(pub SpawnEssentialTaskHandle);

fn with_grace(task: BoxFuture<'static, ()>) -> BoxFuture<'static, ()> {
	async move {
		task.await;
		tokio::time::sleep(GRACE).await;
	}
	.boxed()
}

impl SpawnEssentialNamed for PoolTasks {
	fn spawn_essential_blocking(
		&self,
		name: &'static str,
		group: Option<&'static str>,
		task: BoxFuture<'static, ()>,
	) {
		self.0.spawn_essential_blocking(name, group, with_grace(task))
	}

	fn spawn_essential(
		&self,
		name: &'static str,
		group: Option<&'static str>,
		task: BoxFuture<'static, ()>,
	) {
		self.0.spawn_essential(name, group, with_grace(task))
	}
}
