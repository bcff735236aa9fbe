//! [`Program::search`]: full-text search on the program as it stands (the
//! `search` feature). The search index is built at the first search and
//! then kept in step with every record change: before a change reaches
//! ranking, the stories and quotes it touches leave the search index (as
//! the library before the change holds them), and the next search indexes
//! what is new. The index holds no library of its own; it reads ranking's,
//! so a change never copies the library.

use super::ops::RecordKind;
use super::program::{Program, View};
use super::state::Effect;
use crate::model::Library;
use crate::search::update::Doc;
use crate::search::{Core, SearchError, SearchRequest, SearchResults};

/// The program's search index, and whether changes came since it was in
/// step with ranking's library.
pub(crate) struct Searching {
    core: Core,
    dirty: bool,
}

/// The language the program's stories are analyzed in.
const STORY_LANGUAGE: &str = "en";

impl View {
    /// Tells the search index of `effect`, before ranking sees it (its
    /// library is still the one before the change).
    pub(super) fn before_search(&mut self, effect: &Effect) {
        let library = self.index.library();
        if let Some(searching) = &mut self.search
            && !searching.before(library, effect)
        {
            self.search = None;
        }
    }

    /// Brings the search index in step with ranking's library, building it
    /// at the first search.
    fn searching(&mut self) -> Result<&Searching, SearchError> {
        let library = self.index.library();
        // Taken out while it changes: should tantivy fail, it is built
        // again at the next search rather than left half changed.
        let searching = match self.search.take() {
            Some(mut searching) => {
                if searching.dirty {
                    searching.core.update(library, &self.hidden)?;
                    searching.dirty = false;
                }
                searching
            }
            None => Searching { core: Core::build(library, STORY_LANGUAGE, &self.hidden)?, dirty: false },
        };
        Ok(self.search.insert(searching))
    }
}

impl Searching {
    /// Takes what `effect` changes out of the index, as `synced` holds it;
    /// `false` when the index must be built again.
    fn before(&mut self, synced: &Library, effect: &Effect) -> bool {
        match effect {
            Effect::Held(_) | Effect::Policy => true,
            Effect::Rebuild => false,
            Effect::Hidden => self.touch(synced),
            Effect::Many(effects) => effects.iter().all(|effect| self.before(synced, effect)),
            Effect::Replaced { kind, id } | Effect::Removed { kind, id } => match kind {
                RecordKind::Story => {
                    self.core.kill(synced, Doc::Story(id));
                    self.touch(synced)
                }
                RecordKind::Quote => {
                    self.core.kill(synced, Doc::Quote(id));
                    self.touch(synced)
                }
                // Filters and facets read accounts and products.
                RecordKind::Account | RecordKind::Product => self.touch(synced),
                RecordKind::Advocate | RecordKind::Opportunity | RecordKind::AccountFigure => true,
            },
        }
    }

    /// Marks the index behind `synced`'s next version.
    fn touch(&mut self, synced: &Library) -> bool {
        self.core.know_keys(synced);
        self.dirty = true;
        true
    }
}

impl Program {
    /// [`SearchIndex::search`](crate::search::SearchIndex::search) on the
    /// program's stories and quotes as they are now, the stories of hidden
    /// accounts left out, stories analyzed as English.
    ///
    /// The first search builds the search index (as
    /// [`SearchIndex::new`](crate::search::SearchIndex::new) does, in time
    /// linear in the library's text). Every later change of a record keeps
    /// it in step: the change takes what it touches out of the index, and
    /// the next search indexes the new texts only, in time linear in the
    /// number of stories and quotes plus the new texts (see
    /// [`SearchIndex::update`](crate::search::SearchIndex::update), whose
    /// answers these are). Measured figures are in `BENCHMARKS.md`.
    ///
    /// # Errors
    ///
    /// As [`SearchIndex::search`](crate::search::SearchIndex::search).
    pub fn search(&self, request: impl Into<SearchRequest>) -> Result<SearchResults, SearchError> {
        let request = request.into();
        {
            let view = self.read();
            if let Some(searching) = view.search.as_ref().filter(|s| !s.dirty) {
                return searching.core.search(view.index.library(), request);
            }
        }
        let mut view = self.write();
        let library = std::sync::Arc::clone(view.index.library());
        view.searching()?.core.search(&library, request)
    }
}
