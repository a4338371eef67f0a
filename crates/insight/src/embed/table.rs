//! The int8 vector table format written by `scripts/insight/common.py`, read in place.
//!
//! Layout (little endian): `b"CKV1"`, u32 rows, u32 dims, rows x f32 scale, rows x dims x i8.
//! The int8 values stay in the binary's read-only data; only the per-row scales are copied out,
//! so loading costs about 100 KB of heap for 30,000 rows.

use crate::InsightError;

const MAGIC: &[u8; 4] = b"CKV1";
const HEADER: usize = 12;

/// A table of `rows` vectors of `dims` int8 values, each row with its own scale.
#[derive(Debug)]
pub struct VectorTable {
    dims: usize,
    scales: Vec<f32>,
    values: &'static [u8],
}

impl VectorTable {
    /// Checks the header and the exact length, so that every later row access is in bounds.
    pub fn parse(bytes: &'static [u8]) -> Result<Self, InsightError> {
        let damaged = |why: &str| InsightError::Model(format!("vector table: {why}"));
        if bytes.len() < HEADER || &bytes[..4] != MAGIC {
            return Err(damaged("missing CKV1 header"));
        }
        let rows = read_u32(bytes, 4) as usize;
        let dims = read_u32(bytes, 8) as usize;
        let scales_end = HEADER + rows * 4;
        if dims == 0 || rows == 0 || bytes.len() != scales_end + rows * dims {
            return Err(damaged("length does not match rows x dims"));
        }
        let scales: Vec<f32> =
            bytes[HEADER..scales_end].chunks_exact(4).map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
        if scales.iter().any(|s| !s.is_finite()) {
            return Err(damaged("a row scale is not a finite number"));
        }
        Ok(Self { dims, scales, values: &bytes[scales_end..] })
    }

    pub fn rows(&self) -> usize {
        self.scales.len()
    }

    pub fn dims(&self) -> usize {
        self.dims
    }

    /// Adds `factor * row` to `acc`. Rows past the end are ignored rather than trusted, although
    /// the vocabulary is checked against the table size at load.
    pub fn add_row(&self, row: usize, factor: f32, acc: &mut [f32]) {
        let Some(scale) = self.scales.get(row) else { return };
        let Some(values) = self.values.get(row * self.dims..(row + 1) * self.dims) else { return };
        let f = factor * scale;
        for (a, &v) in acc.iter_mut().zip(values) {
            // The bytes are two's-complement int8 values.
            *a += f * f32::from(v as i8);
        }
    }
}

fn read_u32(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leak(v: Vec<u8>) -> &'static [u8] {
        Box::leak(v.into_boxed_slice())
    }

    fn table_bytes(rows: u32, dims: u32, scales: &[f32], values: &[i8]) -> Vec<u8> {
        let mut b = MAGIC.to_vec();
        b.extend(rows.to_le_bytes());
        b.extend(dims.to_le_bytes());
        for s in scales {
            b.extend(s.to_le_bytes());
        }
        b.extend(values.iter().map(|&v| v as u8));
        b
    }

    #[test]
    fn reads_rows_with_their_scales() {
        let t = VectorTable::parse(leak(table_bytes(2, 2, &[0.5, 2.0], &[1, -2, 127, 0]))).unwrap();
        assert_eq!((t.rows(), t.dims()), (2, 2));
        let mut acc = vec![0.0; 2];
        t.add_row(0, 1.0, &mut acc);
        t.add_row(1, 0.5, &mut acc);
        assert_eq!(acc, vec![0.5 + 127.0, -1.0]);
        t.add_row(9, 1.0, &mut acc); // out of range: ignored
        assert_eq!(acc, vec![0.5 + 127.0, -1.0]);
    }

    #[test]
    fn refuses_damaged_tables() {
        assert!(VectorTable::parse(leak(b"nope".to_vec())).is_err());
        let mut short = table_bytes(2, 2, &[0.5, 2.0], &[1, -2, 127, 0]);
        short.pop();
        assert!(VectorTable::parse(leak(short)).is_err());
        assert!(VectorTable::parse(leak(table_bytes(1, 1, &[f32::NAN], &[1]))).is_err());
    }
}
