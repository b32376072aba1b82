use std::collections::BTreeSet;

use super::*;

fn ids(lang: Lang) -> BTreeSet<&'static str> {
    lang.ids().iter().map(String::as_str).collect()
}

#[test]
fn every_language_has_exactly_the_messages_english_has() {
    let english = ids(catalog().fallback());
    let mut others = 0;
    for lang in catalog().languages().filter(|l| l.tag() != FALLBACK) {
        let theirs = ids(lang);
        let missing: Vec<_> = english.difference(&theirs).collect();
        let extra: Vec<_> = theirs.difference(&english).collect();
        assert!(missing.is_empty(), "{lang:?} lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{lang:?} has messages English lacks: {extra:?}"
        );
        others += 1;
    }
    assert!(others >= 4, "da, de, sv and nb at least");
}

#[test]
fn no_message_is_defined_twice_in_a_language() {
    for lang in catalog().languages() {
        assert_eq!(lang.ids().len(), ids(lang).len(), "{lang:?} repeats an id");
    }
}

#[test]
fn the_five_languages_are_there_and_name_themselves() {
    let names: Vec<(&str, &str)> = catalog().languages().map(|l| (l.tag(), l.name())).collect();
    for expected in [
        ("da", "Dansk"),
        ("de", "Deutsch"),
        ("en", "English"),
        ("nb", "Norsk bokmål"),
        ("sv", "Svenska"),
    ] {
        assert!(names.contains(&expected), "{expected:?} in {names:?}");
    }
}

#[test]
fn a_translation_differs_from_english_where_it_should() {
    let da = catalog().get("da").unwrap();
    assert_eq!(da.t("history-title"), "Mine uploads");
    assert_ne!(
        da.t("new-upload-heading"),
        catalog().fallback().t("new-upload-heading")
    );
    // A missing id shows as itself rather than failing the page.
    assert_eq!(da.t("no-such-message"), "no-such-message");
}

#[test]
fn english_sentences_from_lower_layers_are_translated() {
    let de = catalog().get("de").unwrap();
    assert_eq!(
        de.text("Give your video a title."),
        "Geben Sie Ihrem Video einen Titel."
    );
    // 23's own words (or anything unknown) pass through as written.
    assert_eq!(de.text("Invalid file type"), "Invalid file type");
}

#[test]
fn every_field_error_of_the_form_has_a_message() {
    use crate::uploads::MetadataForm;
    let empty = MetadataForm {
        description: "x".repeat(5001),
        tags: "x".repeat(501),
        ..MetadataForm::default()
    };
    let errors = empty.parse(true).unwrap_err();
    let too_long = MetadataForm {
        title: "x".repeat(201),
        ..MetadataForm::default()
    };
    let sentences = [
        errors.title.unwrap(),
        errors.description.unwrap(),
        errors.tags.unwrap(),
        too_long.parse(true).unwrap_err().title.unwrap(),
    ];
    let da = catalog().get("da").unwrap();
    for english in sentences {
        assert_ne!(da.text(english), english, "no message for {english:?}");
    }
}

#[test]
fn the_choice_wins_then_the_browser_then_the_default() {
    let en = catalog().fallback();
    let tag = |l: Lang| l.tag();
    assert_eq!(tag(negotiate(Some("sv"), Some("da"), en)), "sv");
    assert_eq!(tag(negotiate(Some("xx"), Some("da-DK,da;q=0.9"), en)), "da");
    assert_eq!(
        tag(negotiate(
            None,
            Some("fr-FR,fr;q=0.9,de;q=0.8,en;q=0.5"),
            en
        )),
        "de"
    );
    assert_eq!(tag(negotiate(None, Some("en;q=0.2, sv;q=0.9"), en)), "sv");
    assert_eq!(tag(negotiate(None, Some("no"), en)), "nb");
    assert_eq!(tag(negotiate(None, Some("nn-NO"), en)), "nb");
    assert_eq!(
        tag(negotiate(
            None,
            Some("fr, it"),
            catalog().get("da").unwrap()
        )),
        "da"
    );
    assert_eq!(tag(negotiate(None, Some("de;q=0"), en)), "en");
    assert_eq!(tag(negotiate(None, None, en)), "en");
}

#[test]
fn english_sentences_with_values_from_lower_layers_are_translated_with_their_values() {
    let de = catalog().get("de").unwrap();
    let en = catalog().fallback();
    let problem = "At most 500 characters.";
    assert_eq!(en.text(problem), problem);
    let german = de.text(problem);
    assert!(german.contains("500"), "{german}");
    assert_ne!(german, problem);
    let line = de.text("Line 3: say required or optional.");
    assert!(
        line.contains('3') && !line.contains("say required"),
        "{line}"
    );
    // Only the whole sentence counts: a longer or different one passes through as written.
    assert_eq!(
        de.text("At most 500 characters. Really"),
        "At most 500 characters. Really"
    );
}

#[test]
fn the_admins_messages_are_in_every_language_too() {
    let admin = |lang: Lang| -> BTreeSet<&'static str> {
        ids(lang)
            .into_iter()
            .filter(|id| id.starts_with("admin-"))
            .collect()
    };
    let english = admin(catalog().fallback());
    assert!(english.len() > 150, "locales/en/admin.ftl is loaded");
    for lang in catalog().languages() {
        assert_eq!(admin(lang), english, "{lang:?}");
    }
}

#[test]
fn the_admins_refusals_from_its_routes_have_messages() {
    let sentences = [
        crate::routes::admin::chrome::STALE_FORM,
        "Choose Approve or Reject.",
        "There is no such status.",
        "Dates are written like 2026-11-27.",
        "Another campaign has this slug already; choose another.",
        "Write a whole number (or leave it empty).",
    ];
    for lang in catalog().languages().filter(|l| l.tag() != FALLBACK) {
        for english in sentences {
            assert_ne!(lang.text(english), english, "{lang:?}: {english:?}");
        }
    }
}
