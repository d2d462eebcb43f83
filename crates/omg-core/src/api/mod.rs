//! The five server APIs (being written).
