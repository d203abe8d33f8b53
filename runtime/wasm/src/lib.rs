//! The Loanchain runtime's WebAssembly, built by this crate's build script from
//! `loanchain-runtime` with this crate's features. `scripts/runtime-hash.sh` builds it
//! reproducibly; the node embeds that file (`LOANCHAIN_RUNTIME_WASM`), never this crate.

#![no_std]

include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));
