//! The built-in packs, embedded in the binary: `(pack/file.toml, contents)`, sorted. A test
//! (`builtin_table_matches_the_folder`) keeps this table in step with `rules/packs/`.

macro_rules! pack_file {
    ($path:literal) => {
        ($path, include_str!(concat!("../../rules/packs/", $path)))
    };
}

pub(crate) static FILES: &[(&str, &str)] = &[
    pack_file!("cliches/news-cliches.toml"),
    pack_file!("headline-case/sentence-case.toml"),
    pack_file!("headline-case/title-case.toml"),
    pack_file!("hedging/vague-attribution.toml"),
    pack_file!("hedging/weasel-words.toml"),
    pack_file!("readability/long-sentences.toml"),
    pack_file!("wire/acronyms.toml"),
    pack_file!("wire/date-ordinals.toml"),
    pack_file!("wire/figures.toml"),
    pack_file!("wire/months.toml"),
    pack_file!("wire/numbers.toml"),
    pack_file!("wire/percent.toml"),
    pack_file!("wire/times.toml"),
    pack_file!("wordiness/phrases.toml"),
    pack_file!("wordiness/redundancies.toml"),
    pack_file!("wordiness/throat-clearing.toml"),
];
