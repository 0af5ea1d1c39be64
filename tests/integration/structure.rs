//! The structure rules (`sentence-fragment`, `orphaned-clause`, `missing-subject`) and
//! dropped-suffix on sound sentences that must stay silent and on defective passages that
//! must fire, from the shared corpus in `tests/corpus/structure/` and from the lists below.
//!
//! Assertions name the rule and the flagged text, never counts.
//! `PROBE='some text' cargo test --test integration structure::probe -- --ignored --nocapture`
//! prints the tags and the findings for any text.

use std::ops::Range;
use std::path::Path;

use galley::config::Settings;
use galley::diagnostic::Diagnostic;

/// The structure rules, and dropped-suffix, which the corpus files cover too.
const RULES: &[&str] = &[
    "sentence-fragment",
    "orphaned-clause",
    "missing-subject",
    "dropped-suffix",
];

/// A draft around `text`: a headline, then the text as one paragraph. A `[caption] ` line
/// stands under an image.
fn draft(text: &str) -> String {
    match text.strip_prefix("[caption] ") {
        Some(caption) => format!("# A headline\n\n![A photo](photo.jpg)\n\n{caption}\n"),
        None => format!("# A headline\n\n{text}\n"),
    }
}

fn findings(source: &str) -> Vec<Diagnostic> {
    galley::check_str(source, &Settings::default())
        .into_iter()
        .filter(|d| RULES.contains(&d.rule.as_str()))
        .collect()
}

fn describe(source: &str, diags: &[Diagnostic]) -> String {
    diags
        .iter()
        .map(|d| format!("  {} {:?}: {}", d.rule, &source[d.range.clone()], d.message))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every line must stay silent; returns the failures.
fn check_silent(lines: &[&str]) -> Vec<String> {
    let mut bad = Vec::new();
    for line in lines {
        let src = draft(line);
        let got = findings(&src);
        if !got.is_empty() {
            bad.push(format!("{line}\n{}", describe(&src, &got)));
        }
    }
    bad
}

/// `rule` must flag a span overlapping `flagged` (a substring of `text`).
fn check_fire(rule: &str, text: &str, flagged: &str) -> Option<String> {
    let src = draft(text);
    let at = src.find(flagged).expect("FLAGGED occurs in TEXT");
    let want: Range<usize> = at..at + flagged.len();
    let got = findings(&src);
    let hit = got.iter().any(|d| {
        d.rule == rule
            && d.range.start < want.end
            && want.start < d.range.end.max(d.range.start + 1)
    });
    (!hit).then(|| {
        format!(
            "{rule} should flag {flagged:?} in:\n  {text}\n{}",
            if got.is_empty() {
                "  (no findings)".to_string()
            } else {
                describe(&src, &got)
            }
        )
    })
}

fn corpus(name: &str) -> Option<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus/structure")
        .join(name);
    std::fs::read_to_string(path).ok()
}

fn content_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

#[test]
fn corpus_silent_lines_stay_silent() {
    let Some(text) = corpus("silent.txt") else {
        return;
    };
    let lines: Vec<&str> = content_lines(&text).collect();
    assert!(lines.len() >= 150, "silent.txt holds {} lines", lines.len());
    let bad = check_silent(&lines);
    assert!(
        bad.is_empty(),
        "{} of {} silent lines fire:\n{}",
        bad.len(),
        lines.len(),
        bad.join("\n")
    );
}

#[test]
fn corpus_fire_lines_fire_their_rule() {
    let Some(text) = corpus("fire.txt") else {
        return;
    };
    let mut bad = Vec::new();
    let mut n = 0;
    for line in content_lines(&text) {
        let mut parts = line.split('\t');
        let (Some(rule), Some(body), Some(flagged)) = (parts.next(), parts.next(), parts.next())
        else {
            panic!("bad fire.txt line: {line}");
        };
        if !RULES.contains(&rule) {
            continue;
        }
        n += 1;
        bad.extend(check_fire(rule, body, flagged));
    }
    assert!(n >= 60, "fire.txt holds {n} structure lines");
    assert!(
        bad.is_empty(),
        "{} of {n} fire lines miss:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// `PROBE='text' cargo test --test integration structure::probe -- --ignored --nocapture`
#[test]
#[ignore]
fn probe() {
    let Ok(text) = std::env::var("PROBE") else {
        return;
    };
    let src = draft(&text);
    let doc = galley::document::Document::parse(src.clone());
    let tags = doc.analysis.tags(&doc.prose);
    for s in &doc.analysis.sentences {
        let words: Vec<&str> = s
            .tokens
            .clone()
            .map(|i| doc.analysis.tokens[i].text(&doc.prose))
            .collect();
        let lex = galley::language::clause::tag_with_lexicon(&words);
        let line: Vec<String> = words
            .iter()
            .zip(&lex)
            .map(|(w, g)| format!("{w}/{}{}", g.xpos.as_str(), if g.finite { "*" } else { "" }))
            .collect();
        eprintln!("lex: {}", line.join(" "));
        let line: Vec<String> = s
            .tokens
            .clone()
            .map(|i| {
                let t = &doc.analysis.tokens[i];
                let g = &tags[i];
                format!(
                    "{}/{}{}",
                    t.text(&doc.prose),
                    g.xpos.as_str(),
                    if g.finite { "*" } else { "" }
                )
            })
            .collect();
        eprintln!("{}", line.join(" "));
    }
    for s in &doc.analysis.sentences {
        let mut sent = galley::language::clause::Sent::new();
        sent.load(
            &doc.prose,
            &doc.analysis.tokens[s.tokens.clone()],
            &tags[s.tokens.clone()],
            false,
        );
        let groups: Vec<String> = sent
            .groups()
            .iter()
            .map(|g| {
                format!(
                    "{}{}",
                    sent.w(g.range.start),
                    if g.introduced { "(intro)" } else { "" }
                )
            })
            .collect();
        eprintln!(
            "  groups {:?} clause_start {} subjectless {:?} orphan {:?} host {:?} relative {:?}",
            groups,
            sent.clause_start(),
            sent.subjectless(),
            sent.orphan_that(),
            sent.reporting_host(),
            sent.relative_only()
        );
    }
    let got = galley::check_str(&src, &Settings::default());
    eprintln!("{}", describe(&src, &got));
    for d in &got {
        for n in &d.notes {
            eprintln!("    note: {n}");
        }
        for f in &d.fixes {
            eprintln!("    fix: {} {:?}", f.title, f.edits);
        }
    }
}

/// Sound sentences written for this file (all names invented): each must stay silent.
const SILENT: &[&str] = &[
    // datelines, bylines, credits and captions
    "PORT ELLEN, Islay — The distillery reopened its visitor centre on Saturday after a fire.",
    "BRANDT FALLS, Minn. (AP) — Two hunters were rescued from an ice floe on Sunday.",
    "[caption] Volunteers sort donated coats in the church hall on Friday.",
    "[caption] The new footbridge over the Lune at dusk. Photograph: Aled Price",
    "[caption] A heron on the flooded meadow below the weir.",
    // reporting verbs with their clauses
    "The harbour master said on Friday that the channel would be dredged in May.",
    "Engineers warned in a report that the dam could fail in a severe flood.",
    "The club announced on its website that the stadium would be renamed.",
    "Auditors found no evidence that the money had been misused.",
    "The inspector told the committee on Tuesday that the wall was unsafe.",
    "A spokeswoman said the airline regretted the delays.",
    "The ferry company said it would add two sailings in the summer.",
    "She told reporters she had no plans to stand again.",
    "The council said in a statement that it would appeal.",
    "Police have not said how the man died.",
    // "That" as determiner, pronoun or subject clause
    "That winter, the lake froze for the first time in 40 years.",
    "That was the last time the two men spoke.",
    "That bridge has been closed since March.",
    "That the museum survived the war at all is remarkable.",
    "That, the mayor said, was a question for the courts.",
    "That is what the inquiry will have to decide.",
    "That same month, the mill laid off 40 workers.",
    "That Saturday, the village held its first market in a decade.",
    // participle and adjective openers with their subject
    "Built in 1902, the pier was the longest on the coast.",
    "Designed by a local firm, the library opened in 2011.",
    "Asked about the delay, the minister blamed the weather.",
    "Awarded a medal for bravery in 1944, he rarely spoke about the war.",
    "Named the best small museum in the country, the gallery expects more visitors.",
    "Frustrated by the delays, parents have started a petition.",
    "Encouraged by the results, the school plans to extend the scheme.",
    "Raised on a farm in Devon, she moved to London at 18.",
    "Known locally as the Long Bridge, the crossing carries 9,000 vehicles a day.",
    "Trained as an engineer, Okafor joined the company in 1991.",
    "Located near the station, the hotel is popular with business travellers.",
    "Dressed in black, the mourners walked slowly behind the hearse.",
    "Convicted of fraud in 2015, the former director was jailed for six years.",
    // subordinate and prepositional openers with a main clause
    "Because the ferry was cancelled, dozens of travellers spent the night in the terminal.",
    "Although the vote was close, the motion passed.",
    "While the roof is repaired, the library will open from a temporary building.",
    "If the weather holds, the race will start at noon.",
    "After the storm passed, crews began clearing fallen trees.",
    "Until the bridge reopens, drivers face a 20-mile detour.",
    "Since the mine closed, the town has lost a third of its people.",
    "In the meeting we discussed the budget and the new timetable.",
    "At the hearing the judge set a date for the trial.",
    "During the night the river rose by almost two metres.",
    "In the end the council voted to keep the library open.",
    "To reach the island, visitors must take a small ferry from the harbour.",
    "To everyone's surprise, the underdogs won the cup.",
    "Despite the heavy rain, the parade went ahead.",
    "According to the census, the town has grown by 12 per cent.",
    "As the tide rose, the rescuers moved the walkers to higher ground.",
    "Once the survey is complete, the council will decide on the route.",
    "After the vote the committee adjourned until Thursday.",
    // relative clauses with a main verb
    "The plan that the council approved last year has stalled.",
    "The nurses who staffed the ward were praised by the inquiry.",
    "Residents whose homes were flooded will receive grants.",
    "The house where the poet was born is now a museum.",
    "The firm, which employs 300 people, is based in Leeds.",
    "Anyone who saw the crash is asked to contact police.",
    // imperatives and questions
    "Take the coast path south from the harbour for about a mile.",
    "Keep dogs on a lead near the nesting sites.",
    "Check the tide tables before crossing the causeway.",
    "Allow at least two hours for the walk to the summit.",
    "Who will pay for the repairs?",
    "Was the decision legal?",
    "Why did the council wait so long?",
    "What a season it has been!",
    // inversions
    "Among the victims was a retired teacher from the village.",
    "Gone are the days when the mill employed half the town.",
    "Then came the news that the factory would close.",
    "Out went the old timetable; in came a simpler one.",
    "Also on the shortlist are two novels by first-time writers.",
    "Said one resident: \"We have waited long enough.\"",
    "Added the chairman: \"This is a good day for the club.\"",
    "Included in the price are breakfast and a guided tour.",
    "Hidden in the attic was a box of letters from the war.",
    // quotations
    "\"Not again,\" said the shopkeeper as the water rose.",
    "\"Never,\" he said. \"Not while I am in charge.\"",
    "\"Because we were told to,\" the driver said.",
    "“Too little, too late,” said one councillor.",
    "“A disgrace. An absolute disgrace,” the union's leader said.",
    "He called the decision “a betrayal of everyone who voted for it.”",
    // be, have and modals
    "The museum is open from Tuesday to Sunday.",
    "The bridge was closed for three weeks.",
    "The results will be published in the spring.",
    "The school has been told to improve its safety checks.",
    "Two men have been charged with burglary.",
    "Nobody was hurt.",
    "The building had been empty for years.",
    // coordination and compound sentences
    "The mayor visited the flooded streets and promised help.",
    "The firm cut 200 jobs last year and plans to cut more.",
    "The river burst its banks, and the town centre was flooded.",
    "Prices rose sharply in March but fell back in April.",
    // adverbial openers with a subject
    "Later, the mayor said the city would ask for help.",
    "However, the figures tell a different story.",
    "On Friday, the club confirmed the signing.",
    "In a statement, the company apologised for the delays.",
    "Last year, the festival attracted 40,000 visitors.",
    "Speaking after the match, the coach praised his defence.",
    "Meanwhile, the price of bread has doubled.",
    // short and elliptical
    "Not this time.",
    "Hardly.",
    "Far from it.",
    "Until now.",
    // verbless style that editors pass
    "Hence the new rules.",
    "So much for the promised savings.",
    "No wonder, then, that the shop closed.",
    "Not that anyone was listening.",
    // nouns that look like verbs
    "The council's plans for the harbour include a new sea wall.",
    "Water levels rose by a metre overnight.",
    "Police officers searched the woods near the village.",
    "The club hopes to sign a new goalkeeper this week.",
    "The figures suggest that the scheme is working.",
    "Used car prices fell for the third month in a row.",
    "Retired teacher Mary Lyle won the poetry prize.",
    "Armed officers surrounded the house shortly after midnight.",
    "The ferry leaves at nine and returns at six.",
    "Reports suggest the company will be sold.",
    "Plans to extend the tram line were approved on Monday.",
];

/// Defective passages written for this file: (rule, text, flagged).
const FIRE: &[(&str, &str, &str)] = &[
    (
        "sentence-fragment",
        "The ferry company cut its timetable. Because the harbour wall needed urgent repairs.",
        "Because the harbour wall needed urgent repairs.",
    ),
    (
        "sentence-fragment",
        "The library will close at noon. While the roof is inspected by engineers.",
        "While the roof is inspected by engineers.",
    ),
    (
        "sentence-fragment",
        "The festival drew record crowds. Despite two days of heavy rain on the coast.",
        "Despite two days of heavy rain on the coast.",
    ),
    (
        "sentence-fragment",
        "A new clinic opened on Monday. To serve patients from four villages in the valley.",
        "To serve patients from four villages in the valley.",
    ),
    (
        "sentence-fragment",
        "The committee heard from one witness. The deputy head of the regional fisheries agency.",
        "The deputy head of the regional fisheries agency.",
    ),
    (
        "sentence-fragment",
        "The figures were revised twice. In the report we published about the merger.",
        "In the report we published about the merger.",
    ),
    (
        "sentence-fragment",
        "Nobody objected. At the meeting that the board held in March.",
        "At the meeting that the board held in March.",
    ),
    (
        "sentence-fragment",
        "The trustees met on Monday. Whether the museum can afford the new wing.",
        "Whether the museum can afford the new wing.",
    ),
    (
        "sentence-fragment",
        "The airline raised its fares. Although the price of fuel had fallen for three months.",
        "Although the price of fuel had fallen for three months.",
    ),
    (
        "sentence-fragment",
        "The union put a new offer to the board. Which the board rejected within an hour.",
        "Which the board rejected within an hour.",
    ),
    (
        "sentence-fragment",
        "The race will go ahead on Sunday. If the weather holds until the weekend.",
        "If the weather holds until the weekend.",
    ),
    (
        "sentence-fragment",
        "The strike will begin on Monday. Unless the union accepts the offer by Friday.",
        "Unless the union accepts the offer by Friday.",
    ),
    (
        "sentence-fragment",
        "Six people were questioned. Including two members of the city council.",
        "Including two members of the city council.",
    ),
    (
        "sentence-fragment",
        "The club sacked its manager. Having lost the first five matches of the season.",
        "Having lost the first five matches of the season.",
    ),
    (
        "sentence-fragment",
        "The timetable will change in May. As part of a wider review of the ferry routes.",
        "As part of a wider review of the ferry routes.",
    ),
    (
        "sentence-fragment",
        "The captain was rescued by a lifeboat. Along with three other members of the crew.",
        "Along with three other members of the crew.",
    ),
    (
        "sentence-fragment",
        "Waiting times have grown. According to figures from the regional health board.",
        "According to figures from the regional health board.",
    ),
    (
        "sentence-fragment",
        "Ada Whitlock will lead the team. The first female captain in the club's history.",
        "The first female captain in the club's history.",
    ),
    (
        "sentence-fragment",
        "Three people were treated at the scene. Two nurses and a junior doctor from the night shift.",
        "Two nurses and a junior doctor from the night shift.",
    ),
    (
        "sentence-fragment",
        "The old mill stands empty. Where the town's wool was spun for two centuries.",
        "Where the town's wool was spun for two centuries.",
    ),
    (
        "sentence-fragment",
        "The pier will stay shut. Until the council finds the money for repairs.",
        "Until the council finds the money for repairs.",
    ),
    (
        "sentence-fragment",
        "The ferry was late again. In the conversations we have had with the operator.",
        "In the conversations we have had with the operator.",
    ),
    (
        "orphaned-clause",
        "The harbour master said. That the channel would be dredged in May.",
        "That the channel would be dredged in May.",
    ),
    (
        "orphaned-clause",
        "The inspector told the committee on Tuesday. That the wall was unsafe.",
        "That the wall was unsafe.",
    ),
    (
        "orphaned-clause",
        "Engineers warned in a report. That the dam could fail in a severe flood.",
        "That the dam could fail in a severe flood.",
    ),
    (
        "orphaned-clause",
        "The club announced on its website. That the stadium would be renamed.",
        "That the stadium would be renamed.",
    ),
    (
        "orphaned-clause",
        "Auditors found no evidence. That the money had been misused.",
        "That the money had been misused.",
    ),
    (
        "orphaned-clause",
        "The minister admitted on Wednesday. That mistakes had been made.",
        "That mistakes had been made.",
    ),
    (
        "orphaned-clause",
        "A spokesman confirmed. On Tuesday that the plant would close in June.",
        "On Tuesday that the plant would close in June.",
    ),
    (
        "orphaned-clause",
        "The lawyers argued. That their client had acted in self-defence.",
        "That their client had acted in self-defence.",
    ),
    (
        "orphaned-clause",
        "Researchers concluded. That the treatment had no measurable effect.",
        "That the treatment had no measurable effect.",
    ),
    (
        "orphaned-clause",
        "Witnesses said. That the car had been travelling at high speed.",
        "That the car had been travelling at high speed.",
    ),
    (
        "orphaned-clause",
        "The mayor insisted. That the budget was balanced.",
        "That the budget was balanced.",
    ),
    (
        "orphaned-clause",
        "Doctors said there were no signs. That the virus had spread.",
        "That the virus had spread.",
    ),
    (
        "orphaned-clause",
        "The ministry issued a warning. Last night that the river could flood.",
        "Last night that the river could flood.",
    ),
    (
        "orphaned-clause",
        "Ferry operators reported. That three sailings had been cancelled.",
        "That three sailings had been cancelled.",
    ),
    (
        "orphaned-clause",
        "The water board issued a warning. On Sunday that flood barriers along the river were “badly damaged.”",
        "On Sunday that flood barriers along the river were “badly damaged.”",
    ),
    (
        "orphaned-clause",
        "Inspectors have found signs. That support beams under the old stand are rotting.",
        "That support beams under the old stand are rotting.",
    ),
    (
        "missing-subject",
        "The ferry operator cancelled all sailings. Later, said the storm had damaged two boats.",
        "Later, said",
    ),
    (
        "missing-subject",
        "The firm lost its biggest client. Moreover, announced a review of all its contracts.",
        "Moreover, announced",
    ),
    (
        "missing-subject",
        "Visited the school twice last month and spoke to parents.",
        "Visited",
    ),
    (
        "missing-subject",
        "The envoy arrived late. Met the new ambassador on Thursday morning.",
        "Met",
    ),
    (
        "missing-subject",
        "Was appointed chief executive of the port authority in 2019.",
        "Was appointed",
    ),
    (
        "missing-subject",
        "The boy's parents are desperate. Has been missing since Sunday evening.",
        "Has been missing",
    ),
    (
        "missing-subject",
        "The board meets on Monday. Is expected to announce the results next week.",
        "Is expected",
    ),
    (
        "missing-subject",
        "The agency inspected the bridge. On Friday, confirmed that the bridge would stay closed.",
        "On Friday, confirmed",
    ),
    (
        "missing-subject",
        "The director faced questions. In an interview, admitted that mistakes had been made.",
        "In an interview, admitted",
    ),
    (
        "missing-subject",
        "The owner was not available. Did not return calls seeking comment on Tuesday.",
        "Did not return",
    ),
    (
        "missing-subject",
        "The jury could not agree. Will face a second trial in the spring, prosecutors said.",
        "Will face",
    ),
    (
        "missing-subject",
        "The minister left the summit early. Took the train to the capital the next morning.",
        "Took",
    ),
    (
        "missing-subject",
        "The driver was hurt in the crash. Remains in hospital in a stable condition.",
        "Remains",
    ),
    (
        "missing-subject",
        "The opposition leader spoke first. Also criticised the decision to close the library.",
        "Also criticised",
    ),
    (
        "missing-subject",
        "The coach was furious. Speaking to reporters, described the result as a disaster.",
        "Speaking to reporters, described",
    ),
    (
        "missing-subject",
        "Alma Reyes grew up in Tucson. Founded the company with two friends in 1998.",
        "Founded",
    ),
    (
        "missing-subject",
        "The club is the most successful in the league. Won the title three times in the 1990s.",
        "Won",
    ),
    (
        "missing-subject",
        "He played for the club for a decade. Later went on to coach the national team.",
        "Later went",
    ),
    (
        "missing-subject",
        "She left the band in 1979. Then spent two years in Canada before returning home.",
        "Then spent",
    ),
    (
        "missing-subject",
        "The treasurer resigned in May. Was replaced by his deputy, Carla Nunes, a week later.",
        "Was replaced",
    ),
];

#[test]
fn own_silent_sentences_stay_silent() {
    assert!(SILENT.len() >= 100);
    let bad = check_silent(SILENT);
    assert!(
        bad.is_empty(),
        "{} of {} silent sentences fire:\n{}",
        bad.len(),
        SILENT.len(),
        bad.join("\n")
    );
}

#[test]
fn own_fire_passages_fire_their_rule() {
    let bad: Vec<String> = FIRE
        .iter()
        .filter_map(|(r, t, f)| check_fire(r, t, f))
        .collect();
    assert!(
        bad.is_empty(),
        "{} of {} passages miss:\n{}",
        bad.len(),
        FIRE.len(),
        bad.join("\n")
    );
}

/// Blocks where fragments are normal: headings, list items, tables, captions, block
/// quotes, bylines, datelines and the headline.
#[test]
fn structure_outside_body_paragraphs_is_left_alone() {
    let src = "\
---
title: Harbour wall to be rebuilt
---

# Harbour wall to be rebuilt after winter storms

By Tomasz Wren

Saturday, March 8, 2025

FALMOUTH — The harbour wall will be rebuilt at a cost of £6m, the port authority said.

## What happens next.

- Repairs to the east pier.
- A new slipway for the lifeboat.
- Because the old one is too short.

| Stage | When |
| --- | --- |
| Survey of the seabed. | Spring |
| The main works on the wall. | Summer |

![The damaged wall after the storm of January 12](wall.jpg)

*The damaged wall after the January storm. Photograph: Ines Moor*

> Because nobody listened to us. The wall was falling down for years.

Photo: Port authority

(Reuters)
";
    let got = findings(src);
    assert!(got.is_empty(), "{}", describe(src, &got));
}

/// The fixes join the pieces back together.
#[test]
fn fixes_join_the_sentences() {
    let src = "# A headline\n\nThe harbour master said on Friday. That the channel would be dredged in May.\n";
    let got = findings(src);
    let d = got
        .iter()
        .find(|d| d.rule == "orphaned-clause")
        .expect("finding");
    let fixed = galley::fix::apply(src, &d.fixes[0].edits.iter().collect::<Vec<_>>());
    assert_eq!(
        fixed,
        "# A headline\n\nThe harbour master said on Friday that the channel would be dredged in May.\n"
    );
    let src = "# A headline\n\nThe board met on Monday. To discuss a plan to sell the ground.\n";
    let got = findings(src);
    let d = got
        .iter()
        .find(|d| d.rule == "sentence-fragment")
        .expect("finding");
    let fixed = galley::fix::apply(src, &d.fixes[0].edits.iter().collect::<Vec<_>>());
    assert_eq!(
        fixed,
        "# A headline\n\nThe board met on Monday to discuss a plan to sell the ground.\n"
    );
}

/// The structure findings of `source` read in `style`, each as (rule, flagged text,
/// message and notes).
fn styled(source: &str, style: galley::config::Style) -> Vec<(String, String, String)> {
    let settings = Settings {
        style,
        ..Settings::default()
    };
    galley::check_str(source, &settings)
        .into_iter()
        .filter(|d| RULES.contains(&d.rule.as_str()))
        .map(|d| {
            (
                d.rule.clone(),
                source[d.range.clone()].to_string(),
                format!("{} | {}", d.message, d.notes.join(" | ")),
            )
        })
        .collect()
}

/// A post written in the first person: its verbless sentence is style under `auto`, and a
/// defect when the configuration asks for news copy.
const FIRST_PERSON_POST: &str = "# Moving the build farm\n\n\
We moved the build farm to new machines last week. We had planned it for months. \
Because the old disks kept failing. I think the move went well.\n";

#[test]
fn a_post_in_the_first_person_keeps_its_deliberate_fragments() {
    use galley::config::Style;
    let auto = styled(FIRST_PERSON_POST, Style::Auto);
    assert!(auto.is_empty(), "{auto:?}");
    assert!(styled(FIRST_PERSON_POST, Style::Blog).is_empty());
    let news = styled(FIRST_PERSON_POST, Style::News);
    assert!(
        news.iter()
            .any(|(rule, text, _)| rule == "sentence-fragment"
                && text == "Because the old disks kept failing."),
        "{news:?}"
    );
}

#[test]
fn a_draft_with_code_reads_as_a_post() {
    use galley::config::Style;
    let src = "# Release notes\n\nThe `tessel` tool now caches downloads. \
        After two years of requests. The cache lives in the user's home folder.\n";
    assert!(styled(src, Style::Auto).is_empty());
    let news = styled(src, Style::News);
    assert!(
        news.iter()
            .any(|(rule, text, _)| rule == "sentence-fragment"
                && text == "After two years of requests."),
        "{news:?}"
    );
}

#[test]
fn news_copy_in_the_third_person_reads_as_news() {
    use galley::config::Style;
    let src = "# Ferry sinks\n\nThe ferry was carrying 40 passengers when it capsized. \
        Into the sea. All of them were rescued by fishing boats.\n";
    let auto = styled(src, Style::Auto);
    assert!(
        auto.iter()
            .any(|(rule, text, _)| rule == "sentence-fragment" && text == "Into the sea."),
        "{auto:?}"
    );
}

#[test]
fn its_for_it_is_is_reported_in_posts_with_a_note() {
    use galley::config::Style;
    let src = "# Build settings\n\nWe added a flag for the linker. \
        In that case, its more of a temporary setting. We will remove it later.\n";
    let got = styled(src, Style::Auto);
    let (_, text, message) = got
        .iter()
        .find(|(rule, _, _)| rule == "sentence-fragment")
        .unwrap_or_else(|| panic!("no finding: {got:?}"));
    assert_eq!(text, "In that case, its more of a temporary setting.");
    assert!(
        message.starts_with(
            "'its' here should be 'it's' (it is): as written, this sentence has no main verb"
        ),
        "{message}"
    );
    // The word is pointed at, and the fix writes the apostrophe (unsafe: applied only with
    // --unsafe-fixes), with no advice to join the sentence to another.
    let settings = galley::config::Settings {
        style: Style::Auto,
        ..Default::default()
    };
    let d = galley::check_str(src, &settings)
        .into_iter()
        .find(|d| d.rule == "sentence-fragment")
        .unwrap();
    assert_eq!(&src[d.labels[0].range.clone()], "its");
    assert_eq!(d.labels[0].message, "'it's' was meant");
    assert_eq!(d.fixes.len(), 1);
    assert_eq!(d.fixes[0].edits[0].replacement, "it's");
    assert_eq!(
        d.fixes[0].applicability,
        galley::diagnostic::Applicability::Unsafe
    );
    assert!(d.notes.is_empty(), "{:?}", d.notes);
}

#[test]
fn in_posts_a_subject_lost_after_an_opening_phrase_is_still_reported() {
    use galley::config::Style;
    let src = "# Cache bug\n\nWe looked at the cache again. While testing the patch, \
        noticed that the keys were never evicted. We fixed that too.\n";
    let got = styled(src, Style::Auto);
    assert!(
        got.iter()
            .any(|(rule, text, _)| rule == "missing-subject" && text.ends_with("noticed")),
        "{got:?}"
    );
    // A note that drops its subject at the start is style in a post, a defect in news.
    let src = "# Cache bug\n\nWe looked at the cache again. We fixed the eviction, and we \
        added a test. Reached out to the maintainers of the old crate as well.\n";
    assert!(styled(src, Style::Auto).is_empty());
    let news = styled(src, Style::News);
    assert!(
        news.iter().any(|(_, text, _)| text.starts_with("Reached")),
        "{news:?}"
    );
}

/// The message names what the cut-off verb reported, in its past participle.
#[test]
fn the_orphaned_clause_message_names_the_reporting_verb() {
    let src = "# A headline\n\nThe inquiry found. That the council had ignored repeated warnings about the wall.\n";
    let got = findings(src);
    let d = got
        .iter()
        .find(|d| d.rule == "orphaned-clause")
        .unwrap_or_else(|| panic!("{}", describe(src, &got)));
    assert_eq!(
        d.message,
        "this clause belongs to the previous sentence: a full stop cuts 'found' from what was found"
    );
}

#[test]
fn in_posts_an_absolute_phrase_left_standing_is_still_reported() {
    use galley::config::Style;
    let src = "# Rules\n\nWe met on Monday. We talked about the rules. \
        The idea being that the new rules would take effect in May. I think we agreed.\n";
    let got = styled(src, Style::Auto);
    assert!(
        got.iter().any(|(rule, text, _)| rule == "sentence-fragment"
            && text == "The idea being that the new rules would take effect in May."),
        "{got:?}"
    );
}
