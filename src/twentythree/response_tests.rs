use super::*;

/// 23's answer to get-upload-token as its docs show it (`docs/23-api.md` §5).
const UPLOAD_TOKEN_XML: &str = r#"<response status="ok" permission_level="write" message="The upload token is ready to use" cached="0">
  <upload_token>022fe6e3fb42758d6147c539727c5358af3524b1</upload_token>
  <title>A title for the new upload</title>
  <description>... and a preliminary description</description>
  <publish>1</publish>
  <tags>product:1234, testimonial</tags>
  <user_id>17488</user_id>
  <album_id></album_id>
  <max_uploads>1</max_uploads>
  <valid_minutes>180</valid_minutes>
  <valid_until>1266711372</valid_until>
  <return_url>http://www.example.com/upload/callback?theme=green</return_url>
</response>"#;

const PHOTO_LIST_XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<response status="ok" permission_level="write" message="" cached="0" p="1" size="20" total_count="42">
  <photo photo_id="60433" token="zoyZt0ugycplufdd4eiiaaJhwxgkpime" title="My upload"
         published_p="1" video_p="1" video_encoded_p="0" video_length="55.248" one="/video/60433"
         absolute_url="https://videos.example.com/video/60433/my-upload"
         publish_date_epoch="1266304557" creation_date_epoch="1266304412"
         quad100_download="/7340/60433/zoyZt0ugycplufdd4eiiaaJhwxgkpime/quad100"
         small_download="/7340/60433/zoyZt0ugycplufdd4eiiaaJhwxgkpime/small">
    <content><![CDATA[<p>Some description</p>]]></content>
    <before_download_type></before_download_type>
  </photo>
  <photo photo_id="60434" tree_id="7341" token="abc" title="" published_p="0" video_encoded_p="1"/>
</response>"#;

fn api_error(code: &str, message: &str) -> ApiError {
    ApiError::Api {
        code: code.into(),
        message: message.into(),
    }
}

fn assert_malformed(result: Result<Document, ApiError>) {
    assert!(
        matches!(result, Err(ApiError::Malformed(_))),
        "expected Malformed, got {result:?}"
    );
}

#[test]
fn the_documented_xml_upload_token_answer_parses_field_by_field() {
    let token = parse_xml(UPLOAD_TOKEN_XML).unwrap().upload_token().unwrap();
    assert_eq!(
        token,
        UploadToken {
            upload_token: "022fe6e3fb42758d6147c539727c5358af3524b1".into(),
            title: "A title for the new upload".into(),
            description: "... and a preliminary description".into(),
            tags: "product:1234, testimonial".into(),
            publish: true,
            album_id: None,
            max_uploads: 1,
            valid_minutes: 180,
            valid_until: 1_266_711_372,
            return_url: "http://www.example.com/upload/callback?theme=green".into(),
        }
    );
}

#[test]
fn the_envelope_reports_the_permission_level() {
    let document = parse_xml(UPLOAD_TOKEN_XML).unwrap();
    assert_eq!(document.permission_level(), Some("write"));
}

#[test]
fn an_xml_photo_list_reads_fields_from_attributes() {
    let list = parse_xml(PHOTO_LIST_XML).unwrap().photo_list().unwrap();
    assert_eq!(list.total_count, 42);
    assert_eq!(list.photos.len(), 2);
    assert_eq!(
        list.photos[0],
        Photo {
            photo_id: 60433,
            tree_id: Some(7340),
            token: "zoyZt0ugycplufdd4eiiaaJhwxgkpime".into(),
            title: "My upload".into(),
            one: Some("/video/60433".into()),
            absolute_url: Some("https://videos.example.com/video/60433/my-upload".into()),
            creation_date_epoch: Some(1266304412),
            published: true,
            video_encoded: false,
            video_length: Some(55.248),
            quad100_download: Some("/7340/60433/zoyZt0ugycplufdd4eiiaaJhwxgkpime/quad100".into()),
            small_download: Some("/7340/60433/zoyZt0ugycplufdd4eiiaaJhwxgkpime/small".into()),
        }
    );
    let second = &list.photos[1];
    assert_eq!(
        (second.tree_id, second.published, second.video_encoded),
        (Some(7341), false, true)
    );
    assert_eq!(second.quad100_download, None);
}

#[test]
fn a_photo_field_given_as_a_child_element_is_accepted() {
    let body = r#"<response status="ok"><photo photo_id="7"><token>tok</token><title>Hi</title><video_encoded_p>t</video_encoded_p></photo></response>"#;
    let photo = &parse_xml(body).unwrap().photo_list().unwrap().photos[0];
    assert_eq!((photo.token.as_str(), photo.title.as_str()), ("tok", "Hi"));
    assert!(photo.video_encoded);
}

#[test]
fn tree_id_is_not_guessed_from_a_path_for_another_photo() {
    let body = r#"<response status="ok"><photo photo_id="7" token="t" quad100_download="/99/8/t/quad100"/></response>"#;
    let photo = &parse_xml(body).unwrap().photo_list().unwrap().photos[0];
    assert_eq!(photo.tree_id, None);
}

#[test]
fn an_empty_photo_list_counts_zero() {
    let body = r#"<response status="ok" total_count="0" p="1" size="20"/>"#;
    let list = parse_xml(body).unwrap().photo_list().unwrap();
    assert_eq!((list.photos.len(), list.total_count), (0, 0));
}

#[test]
fn an_error_envelope_carries_23s_code_and_message() {
    let body = r#"<response status="error" code="invalid_signature" message="The API signature is invalid."/>"#;
    assert_eq!(
        parse_xml(body),
        Err(api_error(
            "invalid_signature",
            "The API signature is invalid."
        ))
    );
}

#[test]
fn entities_and_character_references_decode_in_text_and_attributes() {
    let body = r#"<response status="ok" message="a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#233;&#x263A;">
      <upload_token>abc123</upload_token>
      <title>Tom &amp; Jerry &lt;3 &#8364;5 &quot;quoted&quot; &apos;s</title>
      <valid_until>1</valid_until>
    </response>"#;
    let document = parse_xml(body).unwrap();
    assert_eq!(
        document.envelope.get("message"),
        Some("a & b <c> \"d\" 'e' é☺")
    );
    let token = document.upload_token().unwrap();
    assert_eq!(token.title, "Tom & Jerry <3 €5 \"quoted\" 's");
}

#[test]
fn a_doctype_is_rejected_whatever_its_case() {
    for doctype in [
        "<!DOCTYPE response>",
        "<!doctype response>",
        "<!DocType r [<!ENTITY x \"y\">]>",
    ] {
        let body = format!("{doctype}<response status=\"ok\"/>");
        assert_malformed(parse_xml(&body));
    }
}

#[test]
fn an_undefined_entity_is_rejected() {
    assert_malformed(parse_xml(
        r#"<response status="ok"><title>&xxe;</title></response>"#,
    ));
}

#[test]
fn a_truncated_document_is_rejected() {
    let cut = &UPLOAD_TOKEN_XML[..UPLOAD_TOKEN_XML.len() - "</response>".len()];
    assert_malformed(parse_xml(cut));
    assert_malformed(parse_xml(r#"<response status="ok"><upload_token>abc"#));
}

#[test]
fn an_html_error_page_is_rejected() {
    let page =
        "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
    assert_malformed(parse_xml(page));
    assert_malformed(parse_xml("<html><body><h1>Sign in</h1></body></html>"));
}

#[test]
fn a_root_other_than_response_is_rejected_even_with_a_status() {
    assert_malformed(parse_xml(r#"<answer status="ok"/>"#));
}

#[test]
fn empty_whitespace_and_plain_text_bodies_are_rejected() {
    assert_malformed(parse_xml(""));
    assert_malformed(parse_xml("  \n "));
    assert_malformed(parse_xml("The upload token is invalid or has expired"));
}

#[test]
fn a_second_root_or_trailing_text_is_rejected() {
    assert_malformed(parse_xml(
        r#"<response status="ok"/><response status="ok"/>"#,
    ));
    assert_malformed(parse_xml(r#"<response status="ok"/>trailing"#));
}

#[test]
fn a_body_over_one_mebibyte_is_rejected() {
    let padding = " ".repeat(MAX_BODY_BYTES);
    assert_malformed(parse_xml(&format!(r#"<response status="ok"/>{padding}"#)));
}

#[test]
fn a_missing_or_unknown_status_is_rejected() {
    assert_malformed(parse_xml(
        "<response><upload_token>abc</upload_token></response>",
    ));
    assert_malformed(parse_xml(r#"<response status="maybe"/>"#));
}

#[test]
fn an_answer_without_upload_token_is_rejected() {
    let body = r#"<response status="ok"><valid_until>1266711372</valid_until></response>"#;
    let result = parse_xml(body).unwrap().upload_token();
    assert!(matches!(result, Err(ApiError::Malformed(m)) if m.contains("upload_token")));
}

#[test]
fn an_upload_token_with_characters_23_never_uses_is_rejected() {
    let body = r#"<response status="ok"><upload_token>abc"onmouseover</upload_token><valid_until>1</valid_until></response>"#;
    assert!(matches!(
        parse_xml(body).unwrap().upload_token(),
        Err(ApiError::Malformed(_))
    ));
}

#[test]
fn a_photo_without_photo_id_or_with_a_garbage_number_is_rejected() {
    for body in [
        r#"<response status="ok"><photo token="t"/></response>"#,
        r#"<response status="ok"><photo photo_id="12abc" token="t"/></response>"#,
        r#"<response status="ok"><photo photo_id="1" token="t" video_encoded_p="perhaps"/></response>"#,
    ] {
        let result = parse_xml(body).unwrap().photo_list();
        assert!(matches!(result, Err(ApiError::Malformed(_))), "{body}");
    }
}

#[test]
fn the_classic_json_upload_token_answer_parses_with_string_scalars() {
    let body = r#"{"status":"ok","message":"The upload token is ready to use","permission_level":"write","cached":"0",
 "uploadtoken":{"upload_token":"022fe6e3fb42758d6147c539727c5358af3524b1","title":"A title","description":"d",
   "publish":"1","tags":"product:1234, testimonial","user_id":"17488","album_id":"",
   "max_uploads":"1","valid_minutes":"180","valid_until":"1266713254",
   "return_url":"http://www.example.com/upload/callback?theme=green"},
 "p":"1","size":"1","site":{"domain":"videos.example.com","site_id":"1","site_name":"S"},
 "endpoint":"/api/photo/get-upload-token"}"#;
    let document = parse_json(body).unwrap();
    assert_eq!(document.permission_level(), Some("write"));
    let token = document.upload_token().unwrap();
    assert_eq!(
        token.upload_token,
        "022fe6e3fb42758d6147c539727c5358af3524b1"
    );
    assert_eq!((token.valid_until, token.album_id), (1_266_713_254, None));
    assert!(token.publish);
}

#[test]
fn the_v2_json_upload_token_answer_parses_with_typed_scalars() {
    let body = r#"{"status":"ok","permission_level":"write","cached":false,"message":"ok",
      "data":{"upload_token":"Ab12","title":"T","album_id":42,"publish":"t","valid_minutes":360,
              "max_uploads":2,"valid_until":"1700000000","background_return_p":false,"return_url":""}}"#;
    let token = parse_json(body).unwrap().upload_token().unwrap();
    assert_eq!(token.album_id.as_deref(), Some("42"));
    assert_eq!((token.valid_minutes, token.max_uploads), (360, 2));
    assert_eq!(
        (token.valid_until, token.return_url.as_str()),
        (1_700_000_000, "")
    );
}

#[test]
fn classic_and_v2_json_photo_lists_parse_with_mixed_scalar_types() {
    let item = r#"{"photo_id":"60433","tree_id":"7340","token":"zoy","title":"My upload",
       "published_p":1,"video_p":1,"video_encoded_p":0,"video_length":"55.248","one":"/video/60433"}"#;
    let classic = format!(r#"{{"status":"ok","total_count":"3","photos":[{item}]}}"#);
    let v2 = format!(r#"{{"status":"ok","total_count":3,"data":[{item}]}}"#);
    for body in [classic, v2] {
        let list = parse_json(&body).unwrap().photo_list().unwrap();
        assert_eq!(list.total_count, 3);
        let photo = &list.photos[0];
        assert_eq!((photo.photo_id, photo.tree_id), (60433, Some(7340)));
        assert!(photo.published && !photo.video_encoded);
        assert_eq!(photo.video_length, Some(55.248));
    }
}

#[test]
fn a_json_error_becomes_an_api_error() {
    let body = r#"{"status":"error","message":"You don't have the necessary permissions","code":"permission_denied","permission_level":"none","endpoint":"/api/user/create"}"#;
    assert_eq!(
        parse_json(body),
        Err(api_error(
            "permission_denied",
            "You don't have the necessary permissions"
        ))
    );
}

#[test]
fn javascript_wrapped_or_non_object_json_is_rejected() {
    assert_malformed(parse_json(r#"var visual = {"status":"ok"};"#));
    assert_malformed(parse_json(r#"["status","ok"]"#));
    assert_malformed(parse_json(""));
    assert_malformed(parse_json(r#"{"status":"ok","photos":["not an object"]}"#));
}

/// 23's documented album/list answer (api/album-list), trimmed.
const ALBUM_LIST_XML: &str = r#"<response status="ok" permission_level="read" p="1" size="20" total_count="1" cached="0">
  <album album_id="12345" title="Screencasts" one="/channel/49838/screencasts" user_id="12323" token="wUqrwbzagcepyzzrjja5ttns0omoMzon" hide_p="0">
    <content>About the channel</content>
    <content_text>About the channel</content_text>
  </album>
</response>"#;

#[test]
fn an_album_list_names_its_albums_in_xml_and_json() {
    assert_eq!(parse_xml(ALBUM_LIST_XML).unwrap().album_ids(), ["12345"]);
    let json = r#"{"status": "ok", "permission_level": "read", "cached": "0",
        "albums": [{"album_id": "12345", "title": "Screencasts", "hide_p": 0}]}"#;
    assert_eq!(parse_json(json).unwrap().album_ids(), ["12345"]);
    let none = r#"<response status="ok" permission_level="read" p="1" size="20" total_count="0"/>"#;
    assert!(parse_xml(none).unwrap().album_ids().is_empty());
}
