//! Who acts on the ledger ([`Actor`], [`Role`]) and what each role may do.
//! The rights table is in the [module docs](super).
//!
//! The ledger does not authenticate anyone: the embedding application
//! does, and builds each `Actor` from its own session (a rep's login, the
//! advocate id of a signed-in advocate). An `Actor` is a claim the ledger
//! trusts; never build one from unchecked input.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What an actor is in the program.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A sales rep: requests advocates and cancels own requests.
    SalesRep,
    /// An account manager: approves and declines requests for the accounts
    /// whose `owner` is the actor's id.
    Owner,
    /// A program admin: may do everything, and alone changes policies and
    /// hides accounts.
    Admin,
    /// An advocate, whose actor id is their advocate id: updates only their
    /// own blackouts, languages and status.
    Advocate,
}

/// Someone acting on the ledger: an id and a role. Two actors are the same
/// when both are (`sales_rep("root")` is not `admin("root")`).
///
/// The id is not empty and at most 256 bytes; the ledger refuses
/// operations by any other actor.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// Who: a rep's login, an owner's name as written in `Account::owner`,
    /// an admin's login, or for [`Role::Advocate`] the advocate's id.
    pub id: String,
    /// What they are.
    pub role: Role,
}

impl Actor {
    /// A sales rep.
    pub fn sales_rep(id: impl Into<String>) -> Actor {
        Actor { id: id.into(), role: Role::SalesRep }
    }

    /// An account owner, by the name accounts carry in `owner`.
    pub fn owner(id: impl Into<String>) -> Actor {
        Actor { id: id.into(), role: Role::Owner }
    }

    /// A program admin.
    pub fn admin(id: impl Into<String>) -> Actor {
        Actor { id: id.into(), role: Role::Admin }
    }

    /// An advocate acting for themself, by advocate id.
    pub fn advocate(advocate: impl Into<String>) -> Actor {
        Actor { id: advocate.into(), role: Role::Advocate }
    }

    /// Whether the actor is an admin.
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.role {
            Role::SalesRep => write!(f, "sales rep {}", self.id),
            Role::Owner => write!(f, "owner {}", self.id),
            Role::Admin => write!(f, "admin {}", self.id),
            Role::Advocate => write!(f, "advocate {}", self.id),
        }
    }
}
