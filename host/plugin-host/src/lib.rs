//! mx-plugin-host: loads adapter plugins (WebAssembly components implementing `mx:adapter`) in a sandbox.
