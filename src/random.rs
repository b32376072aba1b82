//! Random identifiers: nonces, tokens and secrets, all from the operating system's CSPRNG.

use rand::Rng as _;
use rand::distr::Alphanumeric;

/// `len` random alphanumeric characters (about 5.95 bits each).
pub fn token(len: usize) -> String {
    rand::rng()
        .sample_iter(&Alphanumeric)
        .take(len)
        .map(char::from)
        .collect()
}

/// `len` random bytes, hex-encoded.
pub fn hex_bytes(len: usize) -> String {
    let mut bytes = vec![0u8; len];
    rand::rng().fill(&mut bytes[..]);
    hex::encode(bytes)
}
