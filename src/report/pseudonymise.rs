//! Pseudonyms for exports: the NHS number (or, without one, the local id) replaced by a keyed
//! HMAC-SHA256, so the same person gets the same pseudonym in every export made with the same key,
//! and nobody without the key can recompute it from a list of NHS numbers (a plain hash could be
//! reversed by hashing all ten-digit numbers).

use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::path::Path;

/// Environment variable that may hold the key instead of `--key-file`.
pub const KEY_VAR: &str = "DSR_PSEUDONYM_KEY";
/// Shorter keys are refused: they could be guessed.
pub const MIN_KEY_BYTES: usize = 16;
/// Hex characters kept from the MAC: 128 bits, ample for a register of any size.
const PSEUDONYM_HEX: usize = 32;

pub struct PseudonymKey(Vec<u8>);

impl std::fmt::Debug for PseudonymKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PseudonymKey(..)")
    }
}

impl PseudonymKey {
    /// Trailing newlines and spaces are ignored, so `openssl rand -hex 32 > key` works as is.
    pub fn new(bytes: &[u8]) -> Result<PseudonymKey, String> {
        let trimmed = bytes.trim_ascii_end();
        if trimmed.len() < MIN_KEY_BYTES {
            return Err(format!(
                "the pseudonym key is too short ({} bytes; at least {MIN_KEY_BYTES}): make one with `openssl rand -hex 32 > dsr-pseudonym.key`",
                trimmed.len()
            ));
        }
        Ok(PseudonymKey(trimmed.to_vec()))
    }

    /// From `--key-file`, else from the environment variable; refuse when neither is given.
    pub fn load(
        key_file: Option<&Path>,
        env_value: Option<String>,
    ) -> Result<PseudonymKey, String> {
        if let Some(path) = key_file {
            let bytes = std::fs::read(path)
                .map_err(|e| format!("cannot read the key file {}: {e}", path.display()))?;
            return PseudonymKey::new(&bytes);
        }
        match env_value {
            Some(v) if !v.is_empty() => PseudonymKey::new(v.as_bytes()),
            _ => Err(format!(
                "--pseudonymise needs a secret key so pseudonyms stay the same between exports: pass --key-file FILE or set {KEY_VAR}. Make one with `openssl rand -hex 32 > dsr-pseudonym.key` and keep it apart from the exports"
            )),
        }
    }

    /// `kind` separates NHS numbers from local ids, so the two can never collide.
    pub fn pseudonym(&self, kind: &str, value: &str) -> String {
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.0) else {
            // HMAC takes keys of any length; this branch cannot be reached.
            return String::new();
        };
        mac.update(kind.as_bytes());
        mac.update(b":");
        mac.update(value.as_bytes());
        let out = mac.finalize().into_bytes();
        let hex: String = out.iter().map(|b| format!("{b:02x}")).collect();
        hex[..PSEUDONYM_HEX].to_string()
    }
}

#[cfg(test)]
mod tests;
