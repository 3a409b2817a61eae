pub mod eval;
pub mod hook;
pub mod mcp;
pub mod memories;
pub mod plugins;
pub mod setup;
