//! The leverage audit (to be written).
