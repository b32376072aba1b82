use actix_web::body::MessageBody as _;

use super::super::envelope::{Scalar, field};
use super::*;

fn request(query: &str) -> ApiRequest {
    let url = url::Url::parse(&format!("http://sandbox.test/api/x?{query}")).unwrap();
    ApiRequest {
        method: "GET".into(),
        query: url.query_pairs().into_owned().collect(),
        url,
        host: "sandbox.test".into(),
        body: Vec::new(),
        body_is_signed: false,
        authorization: None,
    }
}

fn envelope() -> Envelope {
    Envelope {
        permission_level: PermissionLevel::Write,
        message: "The upload token is ready to use".into(),
        endpoint: "/api/photo/get-upload-token",
        domain: "sandbox.test".into(),
        body: Body::Record {
            json_key: "uploadtoken",
            fields: vec![
                field("upload_token", Scalar::str("abc")),
                field("title", Scalar::str("a < b")),
            ],
        },
    }
}

fn body_text(response: HttpResponse) -> (String, String) {
    let content_type = response
        .headers()
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    let bytes = response.into_body().try_into_bytes().unwrap();
    (content_type, String::from_utf8(bytes.to_vec()).unwrap())
}

#[test]
fn no_format_parameter_means_xml() {
    assert_eq!(Format::of(&request("")), Format::Xml);
}

#[test]
fn raw_with_or_without_a_value_means_plain_json() {
    assert_eq!(Format::of(&request("format=json&raw")), Format::Json);
    assert_eq!(Format::of(&request("format=json&raw=")), Format::Json);
    assert_eq!(Format::of(&request("format=json&raw=1")), Format::Json);
}

#[test]
fn json_without_raw_is_a_var_visual_script_and_varname_renames_it() {
    assert_eq!(
        Format::of(&request("format=json")),
        Format::JsVar("visual".into())
    );
    assert_eq!(
        Format::of(&request("format=json&varname=x")),
        Format::JsVar("x".into())
    );
    assert_eq!(
        Format::of(&request("format=json&callback=fn")),
        Format::Jsonp("fn".into())
    );
}

#[test]
fn a_callback_that_is_not_an_identifier_is_not_echoed() {
    let format = Format::of(&request("format=json&callback=alert(1)//"));
    assert_eq!(format, Format::JsVar("visual".into()));
}

#[test]
fn xml_puts_record_fields_as_escaped_children_of_response() {
    let (content_type, text) = body_text(ok_response(&Format::Xml, &envelope()));
    assert!(content_type.starts_with("text/xml"));
    assert!(text.contains(
        r#"<response status="ok" permission_level="write" message="The upload token is ready to use" cached="0">"#
    ));
    assert!(text.contains("<upload_token>abc</upload_token><title>a &lt; b</title></response>"));
}

#[test]
fn raw_json_nests_the_record_under_its_key_with_site_and_endpoint() {
    let (content_type, text) = body_text(ok_response(&Format::Json, &envelope()));
    assert!(content_type.starts_with("application/json"));
    let json: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["status"], "ok");
    assert_eq!(json["cached"], "0");
    assert_eq!(json["uploadtoken"]["upload_token"], "abc");
    assert_eq!(json["site"]["domain"], "sandbox.test");
    assert_eq!(json["endpoint"], "/api/photo/get-upload-token");
}

#[test]
fn script_formats_wrap_the_same_json() {
    let (_, var) = body_text(ok_response(&Format::JsVar("visual".into()), &envelope()));
    let (_, jsonp) = body_text(ok_response(&Format::Jsonp("cb".into()), &envelope()));
    let inner = var
        .strip_prefix("var visual = ")
        .unwrap()
        .strip_suffix(';')
        .unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(inner).unwrap()["status"],
        "ok"
    );
    assert_eq!(jsonp, format!("cb({inner});"));
}

#[test]
fn errors_come_in_the_requested_format() {
    let error = ApiError::invalid_signature(PermissionLevel::None);
    let (_, xml) = body_text(error_response(&Format::Xml, &error, "/api/photo/list"));
    assert!(xml.contains(r#"code="invalid_signature" message="The API signature is invalid."/>"#));
    let (_, json) = body_text(error_response(&Format::Json, &error, "/api/photo/list"));
    let json: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["status"], "error");
    assert_eq!(json["code"], "invalid_signature");
    assert_eq!(json["endpoint"], "/api/photo/list");
}

#[test]
fn list_items_become_attributes_with_child_elements_and_paging_on_the_root() {
    let item = Item {
        attributes: vec![
            ("photo_id".into(), Scalar::str("1000")),
            ("published_p".into(), Scalar::Num(1)),
        ],
        children: vec![("content", "<b>hi</b>".into())],
    };
    let mut envelope = envelope();
    envelope.body = Body::List {
        json_key: "photos",
        element: "photo",
        items: vec![item],
        p: 1,
        size: 20,
        total_count: 1,
    };
    let (_, xml) = body_text(ok_response(&Format::Xml, &envelope));
    assert!(xml.contains(r#"p="1" size="20" total_count="1">"#));
    assert!(xml.contains(
        r#"<photo photo_id="1000" published_p="1"><content>&lt;b&gt;hi&lt;/b&gt;</content></photo>"#
    ));
    let (_, json) = body_text(ok_response(&Format::Json, &envelope));
    let json: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["photos"][0]["published_p"], 1);
    assert_eq!(json["photos"][0]["photo_id"], "1000");
    assert_eq!(json["total_count"], "1");
}
