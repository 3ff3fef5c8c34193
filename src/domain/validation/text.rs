//! Reading what people type: one-line texts, texts of several lines, dates.

use super::Problem;

/// Reads a required, trimmed, single-line text of at most `max` characters.
pub fn required_text(value: Option<&str>, max: usize) -> Result<String, Problem> {
    let text = value.map(str::trim).unwrap_or_default();
    if text.is_empty() {
        return Err(Problem::Required);
    }
    bounded(single_line(text)?, max)
}

/// Reads an optional, trimmed, single-line text of at most `max` characters (blank is
/// `None`).
pub fn optional_text(value: Option<&str>, max: usize) -> Result<Option<String>, Problem> {
    match crate::domain::text::optional(value) {
        None => Ok(None),
        Some(text) => bounded(single_line(&text)?, max).map(Some),
    }
}

/// Longest comment or reason written in a text area, in characters.
pub const COMMENT_MAX: usize = 2000;

/// Reads an optional, trimmed text of at most `max` characters that may run over several
/// lines (a comment, a reason, a note): line breaks and tabs are allowed, any other control
/// character is refused; blank is `None`.
pub fn multi_line(value: Option<&str>, max: usize) -> Result<Option<String>, Problem> {
    let one_line = value.map(|t| t.replace(['\n', '\r', '\t'], " "));
    optional_text(one_line.as_deref(), max)?;
    Ok(crate::domain::text::optional(value))
}

/// `text` if it holds no control character at all (names, codes, one-line fields, search
/// words): a NUL or an escape is refused the same way on both backends.
pub fn single_line(text: &str) -> Result<&str, Problem> {
    if text.chars().any(char::is_control) {
        Err(Problem::ControlCharacter)
    } else {
        Ok(text)
    }
}

fn bounded(text: &str, max: usize) -> Result<String, Problem> {
    if text.chars().count() > max {
        Err(Problem::TooLong { max })
    } else {
        Ok(text.to_owned())
    }
}

/// Reads a date written `YYYY-MM-DD`.
pub fn date(text: &str) -> Result<chrono::NaiveDate, Problem> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| Problem::NotADate {
        given: text.trim().to_owned(),
    })
}
