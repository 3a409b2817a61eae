//! The contract versions this host speaks, and dispatch by version.
//!
//! Each released contract (`plugins/wit/v<X.Y.Z>/`, frozen) has a `since_v*` module with its own generated
//! bindings and the conversions between its types and the latest ones. The rest of the host works with the
//! latest types only; [`Adapter`] is one enum arm per version, so a plugin built against 0.1.0 keeps loading and
//! running after 0.2.0 exists. A new version: freeze the WIT folder, add `since_vX_Y_Z.rs`, point `latest` at it,
//! and give the previous latest module conversions.

pub(crate) mod since_v0_1_0;
pub(crate) mod since_v0_2_0;

use std::fmt;

use wasmtime::Store;
use wasmtime::component::{Component, InstancePre, Linker};

pub(crate) use since_v0_2_0 as latest;

use crate::runtime::CallState;
use latest::mx::adapter::types::{Edit, Event, EventResponse, Manifest, MemoryDigest, SetupRequest, SyncRequest};

/// A version of the `mx:adapter` contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ContractVersion {
    V0_1_0,
    V0_2_0,
}

impl ContractVersion {
    /// Every version this host loads, oldest first.
    pub const ALL: [ContractVersion; 2] = [ContractVersion::V0_1_0, ContractVersion::V0_2_0];
    /// The version the SDK builds against today.
    pub const LATEST: ContractVersion = ContractVersion::V0_2_0;

    pub fn as_str(self) -> &'static str {
        match self {
            ContractVersion::V0_1_0 => "0.1.0",
            ContractVersion::V0_2_0 => "0.2.0",
        }
    }

    /// The version named `text` (`0.2.0`), if this host speaks it.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|version| version.as_str() == text.trim())
    }
}

impl fmt::Display for ContractVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Adds the `host` interface of every version to one linker: their names differ by version
/// (`mx:adapter/host@0.1.0`, `…@0.2.0`), so a component finds the one it was built against.
pub(crate) fn add_to_linker(linker: &mut Linker<CallState>) -> wasmtime::Result<()> {
    since_v0_1_0::add_to_linker(linker)?;
    since_v0_2_0::add_to_linker(linker)
}

/// A compiled, linked plugin, ready to instantiate for one call.
#[derive(Clone)]
pub(crate) enum AdapterPre {
    V0_1_0(since_v0_1_0::AdapterPre<CallState>),
    V0_2_0(since_v0_2_0::AdapterPre<CallState>),
}

impl AdapterPre {
    pub(crate) fn new(
        version: ContractVersion,
        linker: &Linker<CallState>,
        component: &Component,
    ) -> wasmtime::Result<Self> {
        let pre: InstancePre<CallState> = linker.instantiate_pre(component)?;
        Ok(match version {
            ContractVersion::V0_1_0 => AdapterPre::V0_1_0(since_v0_1_0::AdapterPre::new(pre)?),
            ContractVersion::V0_2_0 => AdapterPre::V0_2_0(since_v0_2_0::AdapterPre::new(pre)?),
        })
    }

    pub(crate) fn instantiate(&self, store: &mut Store<CallState>) -> wasmtime::Result<Adapter> {
        Ok(match self {
            AdapterPre::V0_1_0(pre) => Adapter::V0_1_0(pre.instantiate(store)?),
            AdapterPre::V0_2_0(pre) => Adapter::V0_2_0(pre.instantiate(store)?),
        })
    }
}

/// One instance of a plugin; every call takes and returns the latest contract's types.
pub(crate) enum Adapter {
    V0_1_0(since_v0_1_0::Adapter),
    V0_2_0(since_v0_2_0::Adapter),
}

impl Adapter {
    pub(crate) fn call_manifest(&self, store: &mut Store<CallState>) -> wasmtime::Result<Manifest> {
        match self {
            Adapter::V0_1_0(adapter) => adapter.call_manifest(store).map(Into::into),
            Adapter::V0_2_0(adapter) => adapter.call_manifest(store),
        }
    }

    pub(crate) fn call_setup(
        &self,
        store: &mut Store<CallState>,
        request: &SetupRequest,
    ) -> wasmtime::Result<Result<Vec<Edit>, String>> {
        match self {
            Adapter::V0_1_0(adapter) => {
                Ok(adapter.call_setup(store, &request.clone().into())?.map(since_v0_1_0::edits))
            }
            Adapter::V0_2_0(adapter) => adapter.call_setup(store, request),
        }
    }

    pub(crate) fn call_handle_event(
        &self,
        store: &mut Store<CallState>,
        event: &Event,
    ) -> wasmtime::Result<Result<EventResponse, String>> {
        match self {
            Adapter::V0_1_0(adapter) => Ok(adapter.call_handle_event(store, &event.clone().into())?.map(Into::into)),
            Adapter::V0_2_0(adapter) => adapter.call_handle_event(store, event),
        }
    }

    pub(crate) fn call_render_context(
        &self,
        store: &mut Store<CallState>,
        digest: &MemoryDigest,
    ) -> wasmtime::Result<String> {
        match self {
            Adapter::V0_1_0(adapter) => adapter.call_render_context(store, &digest.clone().into()),
            Adapter::V0_2_0(adapter) => adapter.call_render_context(store, digest),
        }
    }

    /// `sync`. A 0.1.0 plugin asks the host for its digest itself and gets the request without `context`.
    pub(crate) fn call_sync(
        &self,
        store: &mut Store<CallState>,
        request: &SyncRequest,
    ) -> wasmtime::Result<Result<Vec<Edit>, String>> {
        match self {
            Adapter::V0_1_0(adapter) => Ok(adapter.call_sync(store, &request.clone().into())?.map(since_v0_1_0::edits)),
            Adapter::V0_2_0(adapter) => adapter.call_sync(store, request),
        }
    }
}
