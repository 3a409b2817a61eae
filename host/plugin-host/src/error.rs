use std::path::PathBuf;
use std::time::Duration;

/// Everything that can go wrong with a plugin. Each variant names the plugin, so the user knows whom to blame.
#[derive(Debug, thiserror::Error)]
pub enum PluginError {
    /// The call ran past its deadline and was interrupted.
    #[error("plugin `{plugin}` ran longer than its {} ms deadline and was stopped", limit.as_millis())]
    Timeout { plugin: String, limit: Duration },

    /// The plugin tried to grow its memory past the cap.
    #[error("plugin `{plugin}` exceeded its memory cap of {} MiB and was stopped", limit_bytes / (1024 * 1024))]
    OutOfMemory { plugin: String, limit_bytes: usize },

    /// The plugin trapped (a panic, `unreachable`, an out-of-bounds access…).
    #[error("plugin `{plugin}` crashed: {message}")]
    Trap { plugin: String, message: String },

    /// The component does not fit an `mx:adapter` contract this host speaks (missing exports, wrong types, extra imports).
    #[error("plugin `{plugin}` does not implement the mx:adapter contract: {message}")]
    Contract { plugin: String, message: String },

    /// The plugin asked for something its manifest does not allow (a file to read, a file to edit).
    #[error("plugin `{plugin}` was denied {action} `{path}`: {reason}")]
    Denied { plugin: String, action: &'static str, path: String, reason: String },

    /// The plugin returned an error of its own.
    #[error("plugin `{plugin}` failed: {message}")]
    Failed { plugin: String, message: String },

    /// An edit the plugin proposed cannot be applied to the file as it is (e.g. a JSON file that does not parse).
    #[error("cannot apply plugin `{plugin}`'s edit to {}: {message}", path.display())]
    Edit { plugin: String, path: PathBuf, message: String },

    /// The bytes are not a loadable component.
    #[error("cannot load plugin `{plugin}`: {message}")]
    Load { plugin: String, message: String },

    /// A file operation of the host failed.
    #[error("{action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl PluginError {
    /// The plugin the error is about, if any.
    pub fn plugin(&self) -> Option<&str> {
        match self {
            PluginError::Timeout { plugin, .. }
            | PluginError::OutOfMemory { plugin, .. }
            | PluginError::Trap { plugin, .. }
            | PluginError::Contract { plugin, .. }
            | PluginError::Denied { plugin, .. }
            | PluginError::Failed { plugin, .. }
            | PluginError::Edit { plugin, .. }
            | PluginError::Load { plugin, .. } => Some(plugin),
            PluginError::Io { .. } => None,
        }
    }

    pub(crate) fn io(action: &'static str, path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Self {
        let path = path.into();
        move |source| PluginError::Io { action, path, source }
    }
}
