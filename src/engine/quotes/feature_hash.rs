//! Feature names as 64-bit keys.
//!
//! The committed weight files store keys, not names: names such as `w-1ww+1=…` or
//! `cue=…_…_…` are word n-grams of the training text, which must not be committed. The hash
//! is FNV-1a, chosen because it is fixed by its definition (unlike a hasher crate's, which may
//! change between versions) and short enough to repeat in the training scripts
//! (`scripts/feature_hash.py`).

const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

/// The 64-bit FNV-1a hash of a feature name. Among the quarter-million names of the weight
/// files a collision is about as likely as one in 10⁸.
pub fn feature_key(name: &str) -> u64 {
    extend_key(OFFSET_BASIS, name)
}

/// The key of a name that starts with the one whose key is given and goes on with `more`:
/// `extend_key(feature_key("#"), "w") == feature_key("#w")`.
pub fn extend_key(key: u64, more: &str) -> u64 {
    more.bytes().fold(key, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(PRIME)
    })
}

/// A key as written in the weight files: 16 lowercase hexadecimal digits.
pub fn parse_key(hex: &str) -> Option<u64> {
    (hex.len() == 16)
        .then(|| u64::from_str_radix(hex, 16).ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_published_fnv1a_test_vectors() {
        assert_eq!(feature_key(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(feature_key("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(feature_key("foobar"), 0x8594_4171_f739_67e8);
        assert_eq!(extend_key(feature_key("foo"), "bar"), feature_key("foobar"));
    }

    #[test]
    fn keys_round_trip_through_their_written_form() {
        let key = feature_key("w=said");
        assert_eq!(parse_key(&format!("{key:016x}")), Some(key));
        assert_eq!(parse_key("w=said"), None);
        assert_eq!(parse_key("123"), None);
    }
}
