use super::*;

fn input() -> CampaignInput {
    CampaignInput {
        slug: "Product-1234".into(),
        name: "Product 1234".into(),
        ..Default::default()
    }
}

fn check(input: CampaignInput) -> Result<CampaignSettings, CampaignErrors> {
    input.check(&["en", "da"], |c| (c == "#123456").then(|| c.to_string()))
}

#[test]
fn a_minimal_campaign_gets_lower_case_slug_and_defaults() {
    let settings = check(input()).unwrap();
    assert_eq!(settings.slug, "product-1234");
    assert_eq!(settings.publish_policy, "visitor_chooses");
    assert_eq!(settings.max_files, 1);
    assert_eq!(settings.openness(0), Openness::Open);
}

#[test]
fn closing_before_opening_bad_slugs_albums_and_colours_are_each_named() {
    let errors = check(CampaignInput {
        slug: "no spaces".into(),
        album_id: "my album".into(),
        opens_at: Some(2_000),
        closes_at: Some(1_000),
        brand_color: "#fff".into(),
        language: "fr".into(),
        publish_policy: "sometimes".into(),
        ..input()
    })
    .unwrap_err();
    let keys: Vec<_> = errors.keys().copied().collect();
    assert_eq!(
        keys,
        [
            "album_id",
            "brand_color",
            "closes_at",
            "language",
            "publish_policy",
            "slug"
        ]
    );
}

#[test]
fn a_campaign_is_open_only_between_its_times() {
    let settings = check(CampaignInput {
        opens_at: Some(100),
        closes_at: Some(200),
        ..input()
    })
    .unwrap();
    assert_eq!(
        settings.openness(99),
        Openness::NotYetOpen { opens_at: 100 }
    );
    assert_eq!(settings.openness(150), Openness::Open);
    assert_eq!(settings.openness(200), Openness::Closed { closed_at: 200 });
}

#[test]
fn fields_written_one_per_line_read_back_the_same() {
    let text = "email | Your e-mail | required\nchoice | Which product? | optional | Alpha, Beta\n\ncheckbox | Your e-mail | optional";
    let fields = fields_from_lines(text).unwrap();
    assert_eq!(fields.len(), 3);
    assert_eq!(fields[0].id, "your-e-mail");
    assert_eq!(fields[2].id, "your-e-mail-2");
    assert_eq!(fields[1].choices, ["Alpha", "Beta"]);
    assert_eq!(
        fields_from_lines(&fields_to_lines(&fields)).unwrap(),
        fields
    );
    assert!(fields_from_lines("colour | Favourite").is_err());
    let errors = check(CampaignInput {
        fields: fields_from_lines("choice | Which?").unwrap(),
        ..input()
    })
    .unwrap_err();
    assert!(errors.contains_key("fields"));
}

#[test]
fn the_consent_version_changes_with_the_text_or_terms_only() {
    let a = consent_version("I agree", None).unwrap();
    assert_eq!(consent_version(" I agree ", None).unwrap(), a);
    assert_ne!(consent_version("I agree!", None).unwrap(), a);
    assert_ne!(
        consent_version("I agree", Some("https://x.example/terms")).unwrap(),
        a
    );
    assert_eq!(consent_version("  ", None), None);
}
