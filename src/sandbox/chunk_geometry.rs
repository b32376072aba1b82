//! The shape of a Resumable.js upload as 23 documents it, and the checks one chunk must pass.

use super::receive::RedeemForm;

/// What one chunk says about itself and its file.
#[derive(Debug, Clone, PartialEq)]
pub struct Geometry {
    pub number: u64,
    pub chunk_size: u64,
    pub total_size: u64,
}

impl Geometry {
    /// 23: every chunk but the last is exactly the chunk size and the last takes the remainder
    /// (≥ chunk size, < 2× chunk size), so there are `max(1, floor(total / chunk))` chunks.
    pub fn chunk_count(&self) -> u64 {
        (self.total_size / self.chunk_size).max(1)
    }

    pub fn expected_size(&self) -> u64 {
        let count = self.chunk_count();
        if self.number < count {
            self.chunk_size
        } else {
            self.total_size - self.chunk_size * (count - 1)
        }
    }

    pub fn parse(form: &RedeemForm) -> Result<Self, String> {
        let number = |name: &str| -> Result<u64, String> {
            form.field(name)
                .and_then(|v| v.trim().parse().ok())
                .ok_or_else(|| format!("{name} must be a whole number"))
        };
        let geometry = Self {
            number: number("resumableChunkNumber")?,
            chunk_size: number("resumableChunkSize")?,
            total_size: number("resumableTotalSize")?,
        };
        if geometry.chunk_size == 0 || geometry.total_size == 0 {
            return Err("resumableChunkSize and resumableTotalSize must be positive".into());
        }
        if geometry.number == 0 || geometry.number > geometry.chunk_count() {
            return Err(format!(
                "resumableChunkNumber must be from 1 to {}",
                geometry.chunk_count()
            ));
        }
        if let Some(declared) = form.field("resumableTotalChunks")
            && declared.trim().parse::<u64>().ok() != Some(geometry.chunk_count())
        {
            return Err(format!(
                "resumableTotalChunks must be {} for this total and chunk size",
                geometry.chunk_count()
            ));
        }
        Ok(geometry)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn geometry(number: u64, chunk_size: u64, total_size: u64) -> Geometry {
        Geometry {
            number,
            chunk_size,
            total_size,
        }
    }

    #[test]
    fn a_file_of_two_and_a_half_chunks_is_sent_as_two() {
        assert_eq!(geometry(1, 10, 25).chunk_count(), 2);
        assert_eq!(geometry(1, 10, 25).expected_size(), 10);
        assert_eq!(geometry(2, 10, 25).expected_size(), 15);
    }

    #[test]
    fn a_file_smaller_than_one_chunk_is_one_chunk_of_its_own_size() {
        assert_eq!(geometry(1, 10, 7).chunk_count(), 1);
        assert_eq!(geometry(1, 10, 7).expected_size(), 7);
    }

    #[test]
    fn an_exact_multiple_has_equal_chunks() {
        assert_eq!(geometry(3, 10, 30).chunk_count(), 3);
        assert_eq!(geometry(3, 10, 30).expected_size(), 10);
    }
}
