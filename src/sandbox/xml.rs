//! The XML flavour of 23's envelope: record fields become child elements of `<response>`, list
//! items become elements whose fields are attributes. quick-xml does the escaping.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::envelope::{ApiError, Body, Envelope};

pub fn ok_xml(envelope: &Envelope) -> Vec<u8> {
    let mut root = BytesStart::new("response").with_attributes([
        ("status", "ok"),
        ("permission_level", envelope.permission_level.as_str()),
        ("message", envelope.message.as_str()),
        ("cached", "0"),
    ]);
    if let Body::List {
        p,
        size,
        total_count,
        ..
    } = &envelope.body
    {
        root.push_attribute(("p", p.to_string().as_str()));
        root.push_attribute(("size", size.to_string().as_str()));
        root.push_attribute(("total_count", total_count.to_string().as_str()));
    }
    let mut writer = xml_writer();
    write(&mut writer, Event::Start(root));
    match &envelope.body {
        Body::Empty { .. } => {}
        Body::Record { fields, .. } => {
            for (name, value) in fields {
                text_element(&mut writer, name, &value.text());
            }
        }
        Body::List { element, items, .. } => {
            for item in items {
                let attributes: Vec<(String, String)> = item
                    .attributes
                    .iter()
                    .map(|(k, v)| (k.clone(), v.text()))
                    .collect();
                let start = BytesStart::new(*element)
                    .with_attributes(attributes.iter().map(|(k, v)| (k.as_str(), v.as_str())));
                write(&mut writer, Event::Start(start));
                for (name, text) in &item.children {
                    text_element(&mut writer, name, text);
                }
                write(&mut writer, Event::End(BytesEnd::new(*element)));
            }
        }
    }
    write(&mut writer, Event::End(BytesEnd::new("response")));
    writer.into_inner()
}

pub fn error_xml(error: &ApiError) -> Vec<u8> {
    let mut writer = xml_writer();
    let root = BytesStart::new("response").with_attributes([
        ("status", "error"),
        ("permission_level", error.permission_level.as_str()),
        ("code", error.code),
        ("message", error.message.as_str()),
    ]);
    write(&mut writer, Event::Empty(root));
    writer.into_inner()
}

fn xml_writer() -> Writer<Vec<u8>> {
    let mut writer = Writer::new(Vec::new());
    write(
        &mut writer,
        Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)),
    );
    writer
}

fn text_element(writer: &mut Writer<Vec<u8>>, name: &str, text: &str) {
    write(writer, Event::Start(BytesStart::new(name)));
    write(writer, Event::Text(BytesText::new(text)));
    write(writer, Event::End(BytesEnd::new(name)));
}

fn write(writer: &mut Writer<Vec<u8>>, event: Event<'_>) {
    // Writing into a Vec cannot fail.
    writer.write_event(event).expect("writing XML to memory");
}
