//! Program metrics (to be written).
