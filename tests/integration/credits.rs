//! `galley credits` and `galley --version --verbose` name every data set embedded in the
//! binary, with its licence and the credit the licence asks for.

use crate::common::{galley, stderr, stdout};

/// (data set, its licence, a piece of the attribution) for everything the binary embeds.
const EMBEDDED: &[(&str, &str, &str)] = &[
    ("SCOWL", "permissive licence", "Kevin Atkinson"),
    ("UKACD", "All Rights Reserved", "J Ross Beresford"),
    ("AGID", "MIT", "Brad Jascob"),
    ("LemmInflect", "MIT", "Brad Jascob"),
    (
        "SPECIALIST Lexicon",
        "open source with attribution",
        "National Library of Medicine",
    ),
    (
        "WordNet 3.0",
        "WordNet 3.0 licence",
        "Copyright 2006 by Princeton University",
    ),
    ("GUM", "CC BY", "Amir Zeldes (2017)"),
];

fn galley_out(args: &[&str]) -> String {
    let o = galley().args(args).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "galley {args:?}: {}", stderr(&o));
    stdout(&o)
}

fn assert_names_every_data_set(out: &str) {
    for (name, licence, credit) in EMBEDDED {
        assert!(out.contains(name), "{name} is not credited:\n{out}");
        assert!(out.contains(licence), "{name}: no '{licence}':\n{out}");
        assert!(out.contains(credit), "{name}: no '{credit}':\n{out}");
    }
    // The source texts of the GUM documents the models were trained on, each with its
    // licence.
    for source in [
        "Wikinews (CC BY 2.5)",
        "OpenStax (CC BY 4.0)",
        "YouTube under CC BY",
        "Santa Barbara Corpus",
        "public domain",
    ] {
        assert!(out.contains(source), "no '{source}':\n{out}");
    }
    assert!(out.contains("MIT OR Apache-2.0"), "{out}");
}

#[test]
fn credits_name_each_data_set_and_licence() {
    let out = galley_out(&["credits"]);
    assert_names_every_data_set(&out);
    assert_eq!(out, include_str!("../../data/CREDITS.md"));
}

#[test]
fn full_credits_add_the_licence_notices() {
    let out = galley_out(&["credits", "--full"]);
    assert_names_every_data_set(&out);
    // Notices their licences ask to reproduce in full.
    for notice in [
        "if The UK Advanced Cryptics Dictionary is used in a software package",
        "WordNet 3.0 Copyright 2006 by Princeton University.  All rights reserved.",
        "Copyright 1993, Geoff Kuenning, Granada Hills, CA",
        "Permission is hereby granted, free of charge",
        "GUM is made available under a Creative Commons license",
    ] {
        assert!(out.contains(notice), "no '{notice}' in --full");
    }
}

#[test]
fn version_verbose_prints_the_version_and_the_credits() {
    let version = format!("galley {}", env!("CARGO_PKG_VERSION"));
    for flag in ["--version", "-V"] {
        assert_eq!(galley_out(&[flag]), format!("{version}\n"));
    }
    let out = galley_out(&["--version", "--verbose"]);
    assert!(out.starts_with(&format!("{version}\n")), "{out}");
    assert_names_every_data_set(&out);
    assert!(out.ends_with(include_str!("../../data/CREDITS.md")));
}

#[test]
fn verbose_alone_and_no_arguments_are_usage_errors() {
    let o = galley().arg("--verbose").output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--version"), "{}", stderr(&o));
    let o = galley().output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("Usage"), "{}", stderr(&o));
}
