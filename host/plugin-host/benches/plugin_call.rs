//! What a hook pays for the plugin: a cached component load and one `handle-event`, and a cold compile.
//! Run: `cargo bench -p mx-plugin-host --bench plugin_call`.

use std::sync::Arc;

use mx_plugin_host::types::Event;
use mx_plugin_host::{NoServices, PluginHost, PluginHostConfig};

fn main() {
    divan::main();
}

fn host(cache: &std::path::Path) -> PluginHost {
    let mut config = PluginHostConfig::new(std::env::temp_dir(), Arc::new(NoServices));
    config.cache_dir = Some(cache.to_path_buf());
    PluginHost::new(config).expect("host")
}

fn well_behaved() -> Event {
    Event { name: "well-behaved".to_owned(), payload: "{}".to_owned(), cwd: "/".to_owned() }
}

/// A warm on-disk cache: deserialize the component, read its manifest, handle one event.
#[divan::bench(sample_count = 50)]
fn cached_load_and_handle_event(bencher: divan::Bencher) {
    let cache = tempfile::tempdir().expect("tempdir");
    let component = mx_builtin_plugins::test_plugins::MISBEHAVING;
    host(cache.path()).load("warm-up", component).expect("compile once");
    let host = host(cache.path());
    bencher.bench_local(|| {
        let plugin = host.load("misbehaving", component).expect("load");
        host.handle_event(&plugin, &well_behaved()).expect("call")
    });
}

/// No cache: compile with cranelift every time (what the cache saves).
#[divan::bench(sample_count = 10)]
fn compile_and_handle_event(bencher: divan::Bencher) {
    let mut config = PluginHostConfig::new(std::env::temp_dir(), Arc::new(NoServices));
    config.cache_dir = None;
    let host = PluginHost::new(config).expect("host");
    let component = mx_builtin_plugins::test_plugins::MISBEHAVING;
    bencher.bench_local(|| {
        let plugin = host.load("misbehaving", component).expect("load");
        host.handle_event(&plugin, &well_behaved()).expect("call")
    });
}
