//! Eight bytes at a time: word-wide ("SWAR") tests that rule out a run of bytes holding none
//! of the bytes a scan looks for, so that only the rare runs that may hold one are read byte
//! by byte. Each has a byte-at-a-time reference in the tests.

/// A byte in every lane of a word.
pub const LO: u64 = 0x0101_0101_0101_0101;
/// The top bit of every lane.
pub const HI: u64 = 0x8080_8080_8080_8080;

/// `b` in every one of the eight lanes.
#[inline]
pub const fn splat(b: u8) -> u64 {
    LO * b as u64
}

/// Is some byte of `x` zero? (Exact: the lowest zero byte always borrows into its top bit.)
#[inline]
pub const fn has_zero_byte(x: u64) -> bool {
    zero_bytes(x) != 0
}

/// The top bit of each lane of `x` that is zero, exact for the lowest such lane (a lane above
/// a zero one may be flagged too, so only the lowest flag, `trailing_zeros() / 8`, is exact).
#[inline]
pub const fn zero_bytes(x: u64) -> u64 {
    x.wrapping_sub(LO) & !x & HI
}

/// The lanes of `w` equal to `c`, as [`zero_bytes`] flags them.
#[inline]
pub const fn bytes_equal(w: u64, c: u8) -> u64 {
    zero_bytes(w ^ splat(c))
}

/// The highest bit of each byte of `x` (bytes in little-endian order) set when the byte is an
/// ASCII letter or digit. For a byte `v` below 0x80, `v + (0x80 - lo)` reaches 0x80 exactly
/// when `v >= lo`, and `v + (0x7F - hi)` when `v > hi`, with no carry into the next byte;
/// OR-ing 0x20 maps capitals, and only them, onto the small letters.
#[inline]
pub fn ascii_alnum_mask(x: u64) -> u64 {
    let y = x & !HI;
    let digit = (y + LO * u64::from(0x80 - b'0')) & !(y + LO * u64::from(0x7F - b'9'));
    let l = y | (LO * 0x20);
    let letter = (l + LO * u64::from(0x80 - b'a')) & !(l + LO * u64::from(0x7F - b'z'));
    (digit | letter) & !x & HI
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_byte_tests_agree_with_a_byte_at_a_time_scan() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            // Zero some lanes now and then, so both answers occur.
            let mask = x.rotate_left(11);
            let mut w = x;
            for lane in 0..8 {
                if (mask >> (lane * 8)) & 0x7 == 0 {
                    w &= !(0xFF << (lane * 8));
                }
            }
            let bytes = w.to_le_bytes();
            assert_eq!(has_zero_byte(w), bytes.contains(&0), "{w:#x}");
            if let Some(first) = bytes.iter().position(|&b| b == 0) {
                assert_eq!(zero_bytes(w).trailing_zeros() / 8, first as u32);
            }
            let c = bytes[3];
            let first = bytes.iter().position(|&b| b == c).unwrap();
            assert_eq!(bytes_equal(w, c).trailing_zeros() / 8, first as u32);
        }
    }

    #[test]
    fn alnum_mask_agrees_with_a_byte_at_a_time_test() {
        for first in 0u8..=255 {
            for rest in [
                0u8, b'a', b'Z', b'0', b' ', 0x80, 0xC3, b'@', b'[', b'`', b'{',
            ] {
                let bytes = [first, rest, b'9', b'/', b':', first ^ 0x20, 0xFF, b'A'];
                let m = ascii_alnum_mask(u64::from_le_bytes(bytes));
                for (lane, b) in bytes.iter().enumerate() {
                    let flagged = (m >> (lane * 8 + 7)) & 1 == 1;
                    assert_eq!(flagged, b.is_ascii_alphanumeric(), "{bytes:?} lane {lane}");
                }
            }
        }
    }
}
