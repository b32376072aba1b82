//! The classic XML envelope, read event by event with quick-xml into a small tree.
//!
//! quick-xml is a tokenizer, not a validator, so the checks it leaves to its caller live here:
//! it reports a DOCTYPE as an ordinary event, hands every `&…;` to us as a separate event, and
//! reaches EOF without complaint on a truncated document.

use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::reader::Reader;

use super::{Document, Fields, check_size, check_status};
use crate::twentythree::error::ApiError;

/// 23's deepest structure is `<response><photo><content>`; anything far deeper is not 23.
const MAX_DEPTH: usize = 16;

struct Element {
    name: String,
    attributes: Vec<(String, String)>,
    text: String,
    children: Vec<Element>,
}

impl Element {
    /// A field like `<title>…</title>`: text only, no attributes, no children.
    fn is_simple(&self) -> bool {
        self.attributes.is_empty() && self.children.is_empty()
    }

    /// An item's fields: its attributes first, then its text-only children.
    fn into_fields(self) -> Fields {
        let mut fields = Fields::default();
        for (name, value) in self.attributes {
            fields.insert(name, &value);
        }
        for child in self.children.into_iter().filter(Element::is_simple) {
            fields.insert(child.name, &child.text);
        }
        fields
    }
}

/// Parses a default-format (XML) 23 answer. `status="error"` becomes [`ApiError::Api`].
pub fn parse_xml(body: &str) -> Result<Document, ApiError> {
    check_size(body)?;
    // Rejected up front (not only as an event) so no DTD is ever tokenized: 23 never sends one.
    if contains_ignoring_case(body, "<!doctype") {
        return Err(malformed("the body contains a DOCTYPE"));
    }
    let root = read_tree(body)?;
    let mut document = Document::default();
    for (name, value) in &root.attributes {
        document.envelope.insert(name.as_str(), value);
    }
    check_status(&document.envelope)?;
    for child in root.children {
        if child.is_simple() {
            document.record.insert(child.name, &child.text);
        } else if child.name == "photo" || child.name == "album" {
            document.items.push(child.into_fields());
        }
    }
    Ok(document)
}

fn read_tree(body: &str) -> Result<Element, ApiError> {
    let mut reader = Reader::from_str(body);
    let mut open: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| malformed(format!("invalid XML: {e}")))?;
        match event {
            Event::Start(start) => {
                let element = start_element(&start, &open, root.is_some())?;
                open.push(element);
            }
            Event::Empty(start) => {
                let element = start_element(&start, &open, root.is_some())?;
                close(element, &mut open, &mut root);
            }
            Event::End(_) => {
                // quick-xml has already checked that the name matches the open element.
                let element = open.pop().ok_or_else(|| malformed("unexpected end tag"))?;
                close(element, &mut open, &mut root);
            }
            Event::Text(text) => append_text(&mut open, &text.xml10_content())?,
            Event::CData(data) => append_text(&mut open, &data.xml10_content())?,
            Event::GeneralRef(reference) => append_text(&mut open, &resolve(&reference)?)?,
            Event::DocType(_) => return Err(malformed("the body contains a DOCTYPE")),
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    if let Some(unclosed) = open.last() {
        return Err(malformed(format!(
            "the document is truncated: <{}> is never closed",
            unclosed.name
        )));
    }
    root.ok_or_else(|| malformed("the body has no XML element"))
}

fn start_element(
    start: &BytesStart<'_>,
    open: &[Element],
    root_done: bool,
) -> Result<Element, ApiError> {
    let name = start.name().as_ref().to_owned();
    if root_done {
        return Err(malformed("there is content after </response>"));
    }
    if open.is_empty() && name != "response" {
        let shown: String = name.chars().take(32).collect();
        return Err(malformed(format!(
            "the root element is <{shown}>, not <response>"
        )));
    }
    if open.len() >= MAX_DEPTH {
        return Err(malformed("the XML is nested too deeply"));
    }
    let mut attributes = Vec::new();
    for attribute in start.attributes() {
        let attribute = attribute.map_err(|e| malformed(format!("invalid attribute: {e}")))?;
        let value = attribute
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|e| malformed(format!("invalid attribute value: {e}")))?;
        let key = attribute.key.as_ref().to_owned();
        attributes.push((key, value.into_owned()));
    }
    Ok(Element {
        name,
        attributes,
        text: String::new(),
        children: Vec::new(),
    })
}

fn close(element: Element, open: &mut [Element], root: &mut Option<Element>) {
    match open.last_mut() {
        Some(parent) => parent.children.push(element),
        None => *root = Some(element),
    }
}

fn append_text(open: &mut [Element], text: &str) -> Result<(), ApiError> {
    match open.last_mut() {
        Some(element) => element.text.push_str(text),
        None if text.trim().is_empty() => {}
        None => return Err(malformed("there is text outside <response>")),
    }
    Ok(())
}

/// `&#38;`/`&#x26;` and the five predefined entities; any other entity could only come from a
/// DTD, which 23 never sends, so it is refused rather than dropped.
fn resolve(reference: &BytesRef<'_>) -> Result<String, ApiError> {
    if let Some(ch) = reference
        .resolve_char_ref()
        .map_err(|_| malformed("invalid character reference"))?
    {
        return Ok(ch.to_string());
    }
    resolve_predefined_entity(reference)
        .map(str::to_owned)
        .ok_or_else(|| malformed("the XML uses an undefined entity"))
}

fn contains_ignoring_case(haystack: &str, lowercase_needle: &str) -> bool {
    haystack
        .as_bytes()
        .windows(lowercase_needle.len())
        .any(|window| window.eq_ignore_ascii_case(lowercase_needle.as_bytes()))
}

fn malformed(reason: impl Into<String>) -> ApiError {
    ApiError::Malformed(reason.into())
}
