//! Open311's default format, XML, written from the same answer as the JSON: a list of flat
//! records becomes `<root><item><key>value</key>…</item>…</root>`. Every answer of this
//! interface is such a list, so this is all the XML it needs.

use serde_json::Value;

/// `list` (a JSON array of objects whose values are text, numbers, booleans or null) as an
/// XML document with `root` around it and `item` around each record, its fields in the
/// order of their names; a null is an empty element.
pub(super) fn write(root: &str, item: &str, list: &Value) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
    out.push_str(&format!("<{root}>"));
    for record in list.as_array().into_iter().flatten() {
        out.push_str(&format!("<{item}>"));
        for (key, value) in record.as_object().into_iter().flatten() {
            let text = match value {
                Value::Null => String::new(),
                Value::String(s) => escape(s),
                other => escape(&other.to_string()),
            };
            out.push_str(&format!("<{key}>{text}</{key}>"));
        }
        out.push_str(&format!("</{item}>"));
    }
    out.push_str(&format!("</{root}>"));
    out
}

/// `text` as XML character data: the five special characters as entities, and the
/// characters XML 1.0 cannot carry at all (controls other than tab and line ends) as
/// U+FFFD.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn markup_in_a_value_is_written_as_text() {
        assert_eq!(
            escape("<b>Lối vào</b> & \"cửa\" 'phụ'"),
            "&lt;b&gt;Lối vào&lt;/b&gt; &amp; &quot;cửa&quot; &apos;phụ&apos;"
        );
        assert_eq!(escape("a\u{0}b\u{1b}c\nd\te"), "a\u{fffd}b\u{fffd}c\nd\te");
        assert_eq!(escape("&amp;"), "&amp;amp;", "an entity typed is text too");
    }

    #[test]
    fn a_list_of_records_becomes_elements_with_null_as_empty() {
        let list = json!([
            { "service_code": "ramp", "metadata": false, "lat": 21.85, "group": null },
            { "service_code": "a<b" }
        ]);
        assert_eq!(
            write("services", "service", &list),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><services>\
             <service><group></group><lat>21.85</lat><metadata>false</metadata>\
             <service_code>ramp</service_code></service>\
             <service><service_code>a&lt;b</service_code></service></services>"
        );
        assert_eq!(
            write("errors", "error", &json!([])),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><errors></errors>"
        );
    }
}
