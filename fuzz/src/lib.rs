//! What the fuzz targets share: the store's acceptance check for what an adapter captures.

use mx_core::model;

/// Panics unless the store would accept a memory with these fields: an adapter's capture that the store rejects is
/// a session lost (the hook logs it and moves on).
pub fn assert_storable(content: &str, topics: &[String], files: &[String], importance: Option<f32>) {
    if let Err(err) = model::validate_content(content) {
        panic!("captured content is rejected: {err} ({} characters)", content.chars().count());
    }
    if let Err(err) = model::normalize_topics(topics) {
        panic!("captured topics are rejected: {err}: {topics:?}");
    }
    if let Err(err) = model::validate_files(files) {
        panic!("captured files are rejected: {err}: {files:?}");
    }
    if let Some(importance) = importance
        && let Err(err) = model::validate_importance(f64::from(importance))
    {
        panic!("captured importance is rejected: {err}");
    }
}
