//! Checksums of what the ledger writes: a CRC-32C (the checksum
//! PostgreSQL's write-ahead log uses) over each log record and over the
//! snapshot's state, salted with the program's id and the generation, so
//! that an edited byte, a line copied from another program's log or from
//! an older generation of this one fails its check.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A program's identity: 128 random bits drawn when the ledger is created.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct ProgramId([u8; 16]);

impl ProgramId {
    /// A fresh random id from the operating system.
    pub(crate) fn random() -> std::io::Result<ProgramId> {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes).map_err(|err| std::io::Error::other(format!("no randomness: {err}")))?;
        Ok(ProgramId(bytes))
    }

    pub(crate) fn bytes(&self) -> &[u8; 16] {
        &self.0
    }
}

impl fmt::Display for ProgramId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

impl Serialize for ProgramId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ProgramId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ProgramId, D::Error> {
        let text = String::deserialize(deserializer)?;
        let parse = || -> Option<ProgramId> {
            if text.len() != 32 || !text.is_ascii() {
                return None;
            }
            let mut bytes = [0u8; 16];
            for (i, byte) in bytes.iter_mut().enumerate() {
                *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok()?;
            }
            Some(ProgramId(bytes))
        };
        parse().ok_or_else(|| serde::de::Error::custom(format!("program id {text:?} is not 32 hex digits")))
    }
}

/// The checksum's starting value for one program and generation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Salt(u32);

impl Salt {
    pub(crate) fn new(program: ProgramId, generation: u64) -> Salt {
        Salt(crc32c::crc32c_append(crc32c::crc32c(program.bytes()), &generation.to_le_bytes()))
    }

    /// The salted checksum of `payload`.
    pub(crate) fn checksum(self, payload: &[u8]) -> u32 {
        crc32c::crc32c_append(self.0, payload)
    }
}

/// The unsalted checksum of a log's header line, which names the salt.
pub(crate) fn header_checksum(payload: &[u8]) -> u32 {
    crc32c::crc32c(payload)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_salts_differ() {
        let a = ProgramId::random().unwrap();
        let b = ProgramId::random().unwrap();
        assert_ne!(a, b);
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(serde_json::from_str::<ProgramId>(&json).unwrap(), a);
        assert!(serde_json::from_str::<ProgramId>("\"xyz\"").is_err());
        let payload = b"{\"seq\":1}";
        assert_ne!(Salt::new(a, 1).checksum(payload), Salt::new(b, 1).checksum(payload));
        assert_ne!(Salt::new(a, 1).checksum(payload), Salt::new(a, 2).checksum(payload));
        assert_eq!(Salt::new(a, 1).checksum(payload), Salt::new(a, 1).checksum(payload));
    }
}
