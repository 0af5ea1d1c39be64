//! Universal Dependencies (v2) relations, with the English subtypes GUM uses.

/// A dependency relation of Universal Dependencies v2.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Deprel {
    Acl,
    AclRelcl,
    Advcl,
    AdvclRelcl,
    Advmod,
    Amod,
    Appos,
    Aux,
    AuxPass,
    Case,
    Cc,
    CcPreconj,
    Ccomp,
    Clf,
    Compound,
    CompoundPrt,
    Conj,
    Cop,
    Csubj,
    CsubjOuter,
    CsubjPass,
    Dep,
    Det,
    DetPredet,
    Discourse,
    Dislocated,
    Expl,
    Fixed,
    Flat,
    Goeswith,
    Iobj,
    List,
    Mark,
    Nmod,
    NmodDesc,
    NmodNpmod,
    NmodPoss,
    NmodTmod,
    NmodUnmarked,
    Nsubj,
    NsubjOuter,
    NsubjPass,
    Nummod,
    Obj,
    Obl,
    OblAgent,
    OblNpmod,
    OblTmod,
    OblUnmarked,
    Orphan,
    Parataxis,
    Punct,
    Reparandum,
    Root,
    Vocative,
    Xcomp,
}

/// How many relations there are.
pub const N_DEPRELS: usize = 56;

impl Deprel {
    /// Every relation, in the order the model file numbers them. Do not reorder: the model
    /// would read as other relations.
    pub const ALL: [Deprel; N_DEPRELS] = [
        Deprel::Acl,
        Deprel::AclRelcl,
        Deprel::Advcl,
        Deprel::AdvclRelcl,
        Deprel::Advmod,
        Deprel::Amod,
        Deprel::Appos,
        Deprel::Aux,
        Deprel::AuxPass,
        Deprel::Case,
        Deprel::Cc,
        Deprel::CcPreconj,
        Deprel::Ccomp,
        Deprel::Clf,
        Deprel::Compound,
        Deprel::CompoundPrt,
        Deprel::Conj,
        Deprel::Cop,
        Deprel::Csubj,
        Deprel::CsubjOuter,
        Deprel::CsubjPass,
        Deprel::Dep,
        Deprel::Det,
        Deprel::DetPredet,
        Deprel::Discourse,
        Deprel::Dislocated,
        Deprel::Expl,
        Deprel::Fixed,
        Deprel::Flat,
        Deprel::Goeswith,
        Deprel::Iobj,
        Deprel::List,
        Deprel::Mark,
        Deprel::Nmod,
        Deprel::NmodDesc,
        Deprel::NmodNpmod,
        Deprel::NmodPoss,
        Deprel::NmodTmod,
        Deprel::NmodUnmarked,
        Deprel::Nsubj,
        Deprel::NsubjOuter,
        Deprel::NsubjPass,
        Deprel::Nummod,
        Deprel::Obj,
        Deprel::Obl,
        Deprel::OblAgent,
        Deprel::OblNpmod,
        Deprel::OblTmod,
        Deprel::OblUnmarked,
        Deprel::Orphan,
        Deprel::Parataxis,
        Deprel::Punct,
        Deprel::Reparandum,
        Deprel::Root,
        Deprel::Vocative,
        Deprel::Xcomp,
    ];

    /// The relation as Universal Dependencies writes it ("nsubj:pass").
    pub const fn as_str(self) -> &'static str {
        match self {
            Deprel::Acl => "acl",
            Deprel::AclRelcl => "acl:relcl",
            Deprel::Advcl => "advcl",
            Deprel::AdvclRelcl => "advcl:relcl",
            Deprel::Advmod => "advmod",
            Deprel::Amod => "amod",
            Deprel::Appos => "appos",
            Deprel::Aux => "aux",
            Deprel::AuxPass => "aux:pass",
            Deprel::Case => "case",
            Deprel::Cc => "cc",
            Deprel::CcPreconj => "cc:preconj",
            Deprel::Ccomp => "ccomp",
            Deprel::Clf => "clf",
            Deprel::Compound => "compound",
            Deprel::CompoundPrt => "compound:prt",
            Deprel::Conj => "conj",
            Deprel::Cop => "cop",
            Deprel::Csubj => "csubj",
            Deprel::CsubjOuter => "csubj:outer",
            Deprel::CsubjPass => "csubj:pass",
            Deprel::Dep => "dep",
            Deprel::Det => "det",
            Deprel::DetPredet => "det:predet",
            Deprel::Discourse => "discourse",
            Deprel::Dislocated => "dislocated",
            Deprel::Expl => "expl",
            Deprel::Fixed => "fixed",
            Deprel::Flat => "flat",
            Deprel::Goeswith => "goeswith",
            Deprel::Iobj => "iobj",
            Deprel::List => "list",
            Deprel::Mark => "mark",
            Deprel::Nmod => "nmod",
            Deprel::NmodDesc => "nmod:desc",
            Deprel::NmodNpmod => "nmod:npmod",
            Deprel::NmodPoss => "nmod:poss",
            Deprel::NmodTmod => "nmod:tmod",
            Deprel::NmodUnmarked => "nmod:unmarked",
            Deprel::Nsubj => "nsubj",
            Deprel::NsubjOuter => "nsubj:outer",
            Deprel::NsubjPass => "nsubj:pass",
            Deprel::Nummod => "nummod",
            Deprel::Obj => "obj",
            Deprel::Obl => "obl",
            Deprel::OblAgent => "obl:agent",
            Deprel::OblNpmod => "obl:npmod",
            Deprel::OblTmod => "obl:tmod",
            Deprel::OblUnmarked => "obl:unmarked",
            Deprel::Orphan => "orphan",
            Deprel::Parataxis => "parataxis",
            Deprel::Punct => "punct",
            Deprel::Reparandum => "reparandum",
            Deprel::Root => "root",
            Deprel::Vocative => "vocative",
            Deprel::Xcomp => "xcomp",
        }
    }

    /// The relation named `name` ("obl:tmod"), if there is one.
    pub fn parse(name: &str) -> Option<Deprel> {
        Deprel::ALL.into_iter().find(|d| d.as_str() == name)
    }

    /// Its number in [`Deprel::ALL`].
    pub const fn index(self) -> usize {
        self as usize
    }

    /// A subject of a clause: nsubj, csubj and their subtypes (passive, outer).
    pub const fn is_subject(self) -> bool {
        matches!(
            self,
            Deprel::Nsubj
                | Deprel::NsubjPass
                | Deprel::NsubjOuter
                | Deprel::Csubj
                | Deprel::CsubjPass
                | Deprel::CsubjOuter
        )
    }

    /// An auxiliary or a copula (aux, aux:pass, cop).
    pub const fn is_aux_or_cop(self) -> bool {
        matches!(self, Deprel::Aux | Deprel::AuxPass | Deprel::Cop)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_indices_follow_the_table() {
        for (i, d) in Deprel::ALL.into_iter().enumerate() {
            assert_eq!(d.index(), i);
            assert_eq!(Deprel::parse(d.as_str()), Some(d));
        }
        assert_eq!(Deprel::parse("nsubj:pass"), Some(Deprel::NsubjPass));
        assert_eq!(Deprel::parse("nsubj:passive"), None);
    }
}
