//! The word lists of clause analysis, and their keys for [`Sent::is_any`].
//!
//! [`Sent::is_any`]: super::Sent::is_any

use super::{Words, keys_of};

/// Forms of be and have that [`Sent::subjectless`] reads as a clause's first verb.
///
/// [`Sent::subjectless`]: super::Sent::subjectless
pub(super) const BE_HAVE_FIRST: &[&str] = &["is", "are", "was", "were", "am", "has", "have", "had"];

/// Forms of be, have and do that are always finite.
/// Clitic modal stems before "n't": "wo" (won't), "ca" (can't), "sha" (shan't), "ai".
const NEGATED_STEMS: &[&str] = &["wo", "ca", "sha", "ai"];

pub(super) const FINITE_AUX: &[&str] = &[
    "is", "are", "was", "were", "am", "has", "have", "had", "does", "did", "'s", "'re", "'m",
    "'ve", "'d",
];

/// Words that open an adverbial clause and are never prepositions.
pub const SUBORDINATORS: &[&str] = &[
    "because", "although", "though", "while", "whilst", "whereas", "unless", "whether", "if",
    "lest", "whenever", "wherever", "once",
];

/// Words that open a clause or a prepositional phrase.
pub const AMBIGUOUS_SUBORDINATORS: &[&str] =
    &["after", "before", "since", "until", "till", "as", "than"];

const SUBJECT_PRONOUNS: &[&str] = &[
    "i",
    "you",
    "he",
    "she",
    "it",
    "we",
    "they",
    "there",
    "this",
    "these",
    "those",
    "someone",
    "somebody",
    "nobody",
    "everyone",
    "everybody",
    "anyone",
    "anybody",
    "something",
    "nothing",
    "everything",
    "one",
];

/// Verbs that report speech, thought or findings, and so take a "that" clause.
pub const REPORTING_VERBS: &[&str] = &[
    "acknowledge",
    "add",
    "admit",
    "advise",
    "affirm",
    "agree",
    "allege",
    "announce",
    "argue",
    "assert",
    "assume",
    "assure",
    "believe",
    "boast",
    "calculate",
    "caution",
    "claim",
    "comment",
    "complain",
    "concede",
    "conclude",
    "confirm",
    "contend",
    "decide",
    "declare",
    "deny",
    "determine",
    "disclose",
    "discover",
    "doubt",
    "emphasise",
    "emphasize",
    "establish",
    "estimate",
    "expect",
    "explain",
    "fear",
    "feel",
    "find",
    "forecast",
    "guarantee",
    "hear",
    "hint",
    "hope",
    "imply",
    "indicate",
    "inform",
    "insist",
    "know",
    "learn",
    "maintain",
    "mention",
    "note",
    "notice",
    "notify",
    "observe",
    "pledge",
    "point",
    "predict",
    "promise",
    "propose",
    "prove",
    "realise",
    "realize",
    "recall",
    "reckon",
    "recognise",
    "recognize",
    "recommend",
    "reiterate",
    "remark",
    "remind",
    "reply",
    "report",
    "respond",
    "reveal",
    "rule",
    "say",
    "show",
    "signal",
    "speculate",
    "state",
    "stress",
    "suggest",
    "suspect",
    "swear",
    "tell",
    "testify",
    "think",
    "understand",
    "vow",
    "warn",
    "worry",
    "write",
];

/// Reporting verbs whose hearer may stand between them and the clause ("told reporters").
pub const TELL_VERBS: &[&str] = &[
    "tell", "inform", "assure", "remind", "warn", "notify", "advise", "convince", "persuade",
    "show", "promise", "teach",
];

/// Nouns that take a "that" clause ("no evidence that ...").
pub const THAT_NOUNS: &[&str] = &[
    "acknowledgement",
    "acknowledgment",
    "admission",
    "allegation",
    "allegations",
    "announcement",
    "assertion",
    "assurance",
    "assurances",
    "belief",
    "claim",
    "claims",
    "complaint",
    "complaints",
    "concern",
    "concerns",
    "confirmation",
    "denial",
    "evidence",
    "expectation",
    "expectations",
    "fear",
    "fears",
    "finding",
    "findings",
    "guarantee",
    "hint",
    "hints",
    "hope",
    "hopes",
    "idea",
    "impression",
    "indication",
    "indications",
    "insistence",
    "news",
    "notion",
    "pledge",
    "possibility",
    "prediction",
    "predictions",
    "promise",
    "proof",
    "reminder",
    "report",
    "reports",
    "rumor",
    "rumors",
    "rumour",
    "rumours",
    "sign",
    "signs",
    "speculation",
    "statement",
    "suggestion",
    "suggestions",
    "suspicion",
    "suspicions",
    "warning",
    "warnings",
    "word",
];

/// Connectives that may stand before a clause, with or without a comma.
pub const CONNECTIVES: &[&str] = &[
    "however",
    "meanwhile",
    "also",
    "later",
    "now",
    "then",
    "nevertheless",
    "nonetheless",
    "afterwards",
    "afterward",
    "still",
    "instead",
    "separately",
    "additionally",
    "moreover",
    "furthermore",
    "subsequently",
    "previously",
    "earlier",
    "thus",
    "hence",
    "therefore",
    "indeed",
    "likewise",
    "similarly",
    "finally",
    "eventually",
    "recently",
    "initially",
    "yet",
    "but",
    "and",
    "further",
    "again",
    "today",
    "yesterday",
    "now",
];

/// Nouns of time that end an adverbial opener ("Last year,", "That night,").
pub const TIME_NOUNS: &[&str] = &[
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "day",
    "days",
    "night",
    "nights",
    "morning",
    "afternoon",
    "evening",
    "weekend",
    "season",
    "time",
    "times",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "quarter",
    "decade",
    "century",
    "hour",
    "hours",
    "minute",
    "minutes",
    "moment",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tonight",
    "tomorrow",
    "overnight",
    "later",
    "now",
    "earlier",
    "ago",
];

/// Names of days, months and feasts: after "That" they make it a determiner.
const CALENDAR: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "christmas",
    "easter",
    "thanksgiving",
    "halloween",
    "new",
];

/// Determiners and quantifiers that open a subject ("That the ...", "That some ...").
const SUBJECT_DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "these", "those", "his", "her", "its", "their", "our", "my", "your",
    "some", "no", "all", "both", "every", "each", "many", "several", "any", "most", "few", "more",
    "two", "three",
];

const OBJECT_PRONOUNS: &[&str] = &["him", "her", "them", "us", "me", "it", "you"];

/// Past participles that can open a participle phrase with a noun phrase after them
/// ("Given the choice, ...", "Named the best restaurant in town, ...").
const OPENER_TAKES_OBJECT: &[&str] = &[
    "give",
    "grant",
    "award",
    "offer",
    "hand",
    "show",
    "tell",
    "ask",
    "name",
    "elect",
    "appoint",
    "call",
    "dub",
    "consider",
    "deem",
    "vote",
    "crown",
    "rank",
    "sentence",
    "deny",
    "refuse",
    "pay",
    "send",
    "teach",
    "promise",
    "allow",
    "charge",
    "accuse",
    "nickname",
    "label",
    "bill",
    "hail",
    "make",
    "leave",
    "issue",
    "assign",
    "serve",
    "fine",
    "order",
    "forbid",
    "spare",
    "declare",
    "pronounce",
    "proclaim",
    "title",
    "style",
    "term",
    "present",
    "lend",
    "loan",
    "bequeath",
    "feed",
    "cost",
    "inform",
    "assure",
    "remind",
    "warn",
    "advise",
    "cast",
    "list",
    "hire",
    "rate",
    "judge",
    "find",
    "keep",
];

/// Past participles that take a "to" infinitive in the passive ("Said to be worth ...").
const PASSIVE_TO: &[&str] = &[
    "say",
    "expect",
    "believe",
    "think",
    "know",
    "report",
    "allege",
    "understand",
    "consider",
    "schedule",
    "set",
    "suppose",
    "require",
    "ask",
    "tell",
    "force",
    "allow",
    "urge",
    "invite",
    "encourage",
    "order",
    "design",
    "intend",
    "mean",
    "plan",
    "rumour",
    "rumor",
    "estimate",
    "see",
    "hear",
    "make",
    "elect",
    "appoint",
    "choose",
    "select",
    "pick",
    "tip",
    "slate",
    "oblige",
    "compel",
    "permit",
    "authorize",
    "authorise",
    "instruct",
    "advise",
    "persuade",
    "pressure",
    "task",
    "hire",
    "contract",
    "use",
    "train",
    "build",
    "bear",
    "determine",
    "prepare",
    "inspire",
    "entitle",
    "empower",
    "destine",
    "bind",
];

/// Intransitive verbs that allow a subject after them ("Then came the rain.").
const INVERSION_VERBS: &[&str] = &[
    "come", "go", "follow", "stand", "sit", "lie", "hang", "rise", "emerge", "arrive", "remain",
    "commence", "ensue", "start", "end", "begin", "appear", "loom", "exist", "live", "ride", "run",
    "walk", "fly", "stretch", "flow", "sound", "ring", "burst",
];

/// Verbs that introduce a quotation with the speaker after them ("Said one official: ...").
const QUOTE_VERBS: &[&str] = &[
    "say", "add", "write", "note", "ask", "explain", "recall", "continue", "conclude", "quip",
    "reply", "respond", "insist", "warn", "argue", "joke", "observe", "remark", "comment",
    "declare", "admit", "shout", "sing", "read", "tweet", "post", "muse", "counter",
];

/// The modal verbs.
pub(super) const MODALS: &[&str] = &[
    "will", "would", "can", "could", "should", "may", "might", "must", "shall",
];

/// Verbs whose object cannot be left out ("the meeting we had about it" lacks one).
const NEEDS_OBJECT: &[&str] = &[
    "have", "make", "take", "hold", "attend", "discuss", "visit", "mention", "describe", "use",
    "need", "want", "build", "create", "produce", "receive", "give", "bring", "carry", "raise",
    "host", "organise", "organize", "conduct", "arrange", "propose", "cite", "own", "buy", "sell",
    "reach", "sign", "publish", "release", "launch", "adopt", "approve", "reject", "pass", "hear",
    "see", "watch", "read", "write", "send",
];

/// The keys of the word lists above ([`Sent::is_any`]).
///
/// [`Sent::is_any`]: super::Sent::is_any
pub const BE_HAVE_FIRST_K: &Words = &Words::new(&keys_of::<{ BE_HAVE_FIRST.len() }>(BE_HAVE_FIRST));
pub const CALENDAR_K: &Words = &Words::new(&keys_of::<{ CALENDAR.len() }>(CALENDAR));
pub const CONNECTIVES_K: &Words = &Words::new(&keys_of::<{ CONNECTIVES.len() }>(CONNECTIVES));
pub const FINITE_AUX_K: &Words = &Words::new(&keys_of::<{ FINITE_AUX.len() }>(FINITE_AUX));
pub const INVERSION_VERBS_K: &Words =
    &Words::new(&keys_of::<{ INVERSION_VERBS.len() }>(INVERSION_VERBS));
pub const MODALS_K: &Words = &Words::new(&keys_of::<{ MODALS.len() }>(MODALS));
pub const NEEDS_OBJECT_K: &Words = &Words::new(&keys_of::<{ NEEDS_OBJECT.len() }>(NEEDS_OBJECT));
pub const NEGATED_STEMS_K: &Words = &Words::new(&keys_of::<{ NEGATED_STEMS.len() }>(NEGATED_STEMS));
pub const OBJECT_PRONOUNS_K: &Words =
    &Words::new(&keys_of::<{ OBJECT_PRONOUNS.len() }>(OBJECT_PRONOUNS));
pub const OPENER_TAKES_OBJECT_K: &Words = &Words::new(&keys_of::<{ OPENER_TAKES_OBJECT.len() }>(
    OPENER_TAKES_OBJECT,
));
pub const PASSIVE_TO_K: &Words = &Words::new(&keys_of::<{ PASSIVE_TO.len() }>(PASSIVE_TO));
pub const QUOTE_VERBS_K: &Words = &Words::new(&keys_of::<{ QUOTE_VERBS.len() }>(QUOTE_VERBS));
pub const REPORTING_VERBS_K: &Words =
    &Words::new(&keys_of::<{ REPORTING_VERBS.len() }>(REPORTING_VERBS));
pub const SUBJECT_DETERMINERS_K: &Words = &Words::new(&keys_of::<{ SUBJECT_DETERMINERS.len() }>(
    SUBJECT_DETERMINERS,
));
pub const SUBJECT_PRONOUNS_K: &Words =
    &Words::new(&keys_of::<{ SUBJECT_PRONOUNS.len() }>(SUBJECT_PRONOUNS));
pub const SUBORDINATORS_K: &Words = &Words::new(&keys_of::<{ SUBORDINATORS.len() }>(SUBORDINATORS));
pub const TELL_VERBS_K: &Words = &Words::new(&keys_of::<{ TELL_VERBS.len() }>(TELL_VERBS));
pub const THAT_NOUNS_K: &Words = &Words::new(&keys_of::<{ THAT_NOUNS.len() }>(THAT_NOUNS));
pub const TIME_NOUNS_K: &Words = &Words::new(&keys_of::<{ TIME_NOUNS.len() }>(TIME_NOUNS));
pub const AMBIGUOUS_SUBORDINATORS_K: &Words = &Words::new(&keys_of::<
    { AMBIGUOUS_SUBORDINATORS.len() },
>(AMBIGUOUS_SUBORDINATORS));
