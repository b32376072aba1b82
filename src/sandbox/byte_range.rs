//! The one `Range: bytes=…` form video players send when they seek: a single range. Several
//! ranges at once (multipart/byteranges) are answered with the whole file, which HTTP allows.

/// What a request's `Range` header asks of a file of `size` bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    /// No usable range (none, another unit, several, or malformed): the whole file, 200.
    Whole,
    /// Bytes `start..=end`, 206.
    Part { start: u64, end: u64 },
    /// A range that lies wholly past the end, 416.
    Unsatisfiable,
}

pub fn wanted(header: Option<&str>, size: u64) -> Wanted {
    let Some(spec) = header.and_then(|h| h.trim().strip_prefix("bytes=")) else {
        return Wanted::Whole;
    };
    if spec.contains(',') {
        return Wanted::Whole;
    }
    let Some((first, last)) = spec.trim().split_once('-') else {
        return Wanted::Whole;
    };
    let number = |s: &str| s.trim().parse::<u64>().ok();
    match (first.trim().is_empty(), number(first), number(last)) {
        // `bytes=-500`: the last 500 bytes.
        (true, _, Some(suffix)) => {
            if suffix == 0 || size == 0 {
                Wanted::Unsatisfiable
            } else {
                Wanted::Part {
                    start: size.saturating_sub(suffix),
                    end: size - 1,
                }
            }
        }
        (false, Some(start), end) if last.trim().is_empty() || end.is_some() => {
            if end.is_some_and(|end| end < start) {
                return Wanted::Whole; // malformed: ignored, as RFC 9110 says
            }
            if start >= size {
                return Wanted::Unsatisfiable;
            }
            Wanted::Part {
                start,
                end: end.map_or(size - 1, |end| end.min(size - 1)),
            }
        }
        _ => Wanted::Whole,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_from_a_start_to_an_end_is_that_part_clamped_to_the_file() {
        assert_eq!(
            wanted(Some("bytes=0-99"), 1000),
            Wanted::Part { start: 0, end: 99 }
        );
        assert_eq!(
            wanted(Some("bytes=900-2000"), 1000),
            Wanted::Part {
                start: 900,
                end: 999
            }
        );
        assert_eq!(
            wanted(Some("bytes=500-"), 1000),
            Wanted::Part {
                start: 500,
                end: 999
            }
        );
    }

    #[test]
    fn a_suffix_range_is_the_files_last_bytes() {
        assert_eq!(
            wanted(Some("bytes=-100"), 1000),
            Wanted::Part {
                start: 900,
                end: 999
            }
        );
        assert_eq!(
            wanted(Some("bytes=-5000"), 1000),
            Wanted::Part { start: 0, end: 999 }
        );
        assert_eq!(wanted(Some("bytes=-0"), 1000), Wanted::Unsatisfiable);
    }

    #[test]
    fn a_range_past_the_end_is_unsatisfiable() {
        assert_eq!(wanted(Some("bytes=1000-"), 1000), Wanted::Unsatisfiable);
        assert_eq!(wanted(Some("bytes=5000-6000"), 1000), Wanted::Unsatisfiable);
        assert_eq!(wanted(Some("bytes=0-"), 0), Wanted::Unsatisfiable);
    }

    #[test]
    fn anything_else_gets_the_whole_file() {
        for header in [
            None,
            Some("items=0-1"),
            Some("bytes=0-1,5-9"),
            Some("bytes=9-1"),
            Some("bytes=x-y"),
            Some("bytes=5"),
        ] {
            assert_eq!(wanted(header, 1000), Wanted::Whole, "{header:?}");
        }
    }
}
