//! How this interface answers: a list of records in the format the path names (`.json`,
//! or the standard's default `.xml`), and errors as the standard's list of `{code,
//! description}`. Also used by the web layer's error answers for paths under `/open311/`.

use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// The formats the standard names, by the file name's ending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.json`.
    Json,
    /// `.xml`, the standard's default.
    Xml,
}

/// The name and format of `file` (`services.json`); none for another ending.
pub fn split(file: &str) -> Option<(&str, Format)> {
    if let Some(name) = file.strip_suffix(".json") {
        Some((name, Format::Json))
    } else {
        file.strip_suffix(".xml").map(|name| (name, Format::Xml))
    }
}

/// The format an error on `path` is answered in: XML when the path asks for it.
pub fn format_of(path: &str) -> Format {
    if path.ends_with(".xml") {
        Format::Xml
    } else {
        Format::Json
    }
}

/// `list` (records of `T`) in `format`, wrapped as the standard wraps XML: `root` around
/// the list, `item` around each record.
pub fn reply<T: Serialize>(
    status: StatusCode,
    format: Format,
    (root, item): (&str, &str),
    list: &[T],
) -> Response {
    let (body, kind) = match format {
        Format::Json => (
            serde_json::to_string(list).unwrap_or_else(|_| "[]".into()),
            "application/json; charset=utf-8",
        ),
        Format::Xml => {
            let value = serde_json::to_value(list).unwrap_or_default();
            (
                super::xml::write(root, item, &value),
                "text/xml; charset=utf-8",
            )
        }
    };
    (
        status,
        [(CONTENT_TYPE, HeaderValue::from_static(kind))],
        body,
    )
        .into_response()
}

/// One entry of an error answer.
#[derive(Serialize)]
struct ErrorJson {
    /// The HTTP status.
    code: u16,
    /// What is wrong, in the request's language.
    description: String,
}

/// An error as the standard answers it: `status`, one entry per problem.
pub fn refused(format: Format, status: StatusCode, descriptions: Vec<String>) -> Response {
    let list: Vec<ErrorJson> = descriptions
        .into_iter()
        .map(|description| ErrorJson {
            code: status.as_u16(),
            description,
        })
        .collect();
    reply(status, format, ("errors", "error"), &list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_names_its_format_by_its_ending() {
        assert_eq!(split("services.json"), Some(("services", Format::Json)));
        assert_eq!(split("abc.xml"), Some(("abc", Format::Xml)));
        assert_eq!(split("services"), None);
        assert_eq!(split("services.csv"), None);
        assert_eq!(format_of("/open311/v2/nothing.xml"), Format::Xml);
        assert_eq!(format_of("/open311/v2/nothing"), Format::Json);
    }
}
