"""Feature names as 64-bit keys, as src/engine/quotes/feature_hash.rs computes them (FNV-1a).

The committed weight files store keys, not names, since names such as word n-grams are
pieces of the training text.
"""

OFFSET_BASIS = 0xCBF29CE484222325
PRIME = 0x100000001B3
MASK = (1 << 64) - 1


def feature_key(name):
    """The 64-bit FNV-1a hash of a feature name's UTF-8 bytes, as 16 hexadecimal digits."""
    h = OFFSET_BASIS
    for byte in name.encode("utf-8"):
        h = ((h ^ byte) * PRIME) & MASK
    return f"{h:016x}"


assert feature_key("foobar") == "85944171f73967e8"
