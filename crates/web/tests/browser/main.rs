//! Browser tests (being written).
