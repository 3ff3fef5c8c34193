//! What can be wrong with input, as data: the web layer words it in the user's language.

mod text;

pub use text::{COMMENT_MAX, date, multi_line, optional_text, required_text, single_line};

/// One reason a value was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// The value is missing or blank.
    Required,
    /// The text is longer than `max` characters.
    TooLong {
        /// The longest allowed, in characters.
        max: usize,
    },
    /// Shorter than `min` characters.
    TooShort {
        /// The shortest allowed, in characters.
        min: usize,
    },
    /// A username with characters other than `a-z 0-9 . _ -`, or too short.
    BadUsername,
    /// Not an email address (`name@domain.tld`).
    BadEmail,
    /// A department code with characters other than `a-z 0-9 _ -`, too short or too long.
    BadCode,
    /// A department merged into itself.
    SameDepartment,
    /// A department merged away: its work went to the department with code `into`.
    MergedAway {
        /// Where it went.
        into: String,
    },
    /// A department retired: it takes no work.
    Retired,
    /// A department that still has work cannot be retired.
    OpenWork {
        /// Sites registered to it.
        sites: u64,
        /// Active people in it.
        users: u64,
        /// Audits not yet approved.
        audits: u64,
        /// Findings not yet verified or closed.
        findings: u64,
    },
    /// An area that has ended already cannot be replaced again.
    AreaEnded {
        /// The area's code.
        code: String,
        /// The first day it no longer existed, `YYYY-MM-DD`.
        on: String,
    },
    /// The value is not a number.
    NotANumber,
    /// A number outside `min..=max`.
    OutOfRange {
        /// Lowest allowed.
        min: f64,
        /// Highest allowed.
        max: f64,
    },
    /// A point outside the configured region.
    OutsideRegion {
        /// The region as `minLon,minLat,maxLon,maxLat`.
        region: String,
    },
    /// Not one of the allowed values.
    NotOneOf {
        /// What was given.
        given: String,
        /// What is allowed.
        allowed: Vec<String>,
    },
    /// A subtype that does not belong to the kind.
    SubtypeNotForKind {
        /// What was given.
        given: String,
        /// The kind it was given with.
        kind: String,
    },
    /// A range whose minimum is above its maximum.
    MinAboveMax,
    /// A list with the wrong number of parts.
    WrongParts {
        /// How many parts are expected.
        expected: usize,
        /// How many were given.
        given: usize,
    },
    /// Not an id.
    NotAnId,
    /// The change would leave no active administrator.
    LastAdmin,
    /// A password that is not the one of the account.
    WrongPassword,
    /// A file with more records than one import takes.
    TooManyRows {
        /// The most accepted.
        max: usize,
    },
    /// Refers to a record that does not exist.
    Unknown {
        /// What was given.
        given: String,
    },
    /// A quote opened at this column does not close on its line (a field cannot hold a
    /// line break).
    UnclosedQuote {
        /// Where the quote opened, in characters from 1.
        column: usize,
    },
    /// Text follows a closing quote before the end of its field.
    TextAfterQuote {
        /// Where the text starts.
        column: usize,
    },
    /// A quote inside a field that did not start with one.
    StrayQuote {
        /// Where the quote is.
        column: usize,
    },
    /// A row with another number of fields than the header.
    FieldCount {
        /// Fields in the row.
        found: usize,
        /// Columns in the header.
        expected: usize,
    },
    /// A header that names a column twice.
    DuplicateColumn {
        /// The column.
        name: String,
        /// Its first position, from 1.
        first: usize,
    },
    /// A header without a column that every row needs.
    MissingColumn {
        /// The column.
        name: String,
    },
    /// Bytes that are not UTF-8 text, first at this column of the line.
    NotUtf8 {
        /// The first bad byte's column, in characters from 1.
        column: usize,
    },
    /// A value that must be text is a number, a boolean, a list or an object.
    NotText {
        /// What it is (`number`, `boolean`, ...).
        found: &'static str,
    },
    /// A control character (a NUL byte, an escape, a line break where none belongs).
    ControlCharacter,
    /// An idempotency key already used for another request.
    KeyReused,
    /// A value that must be unique and is already in use.
    Taken,
    /// Repeats an earlier row or an existing record.
    Duplicate {
        /// Where the first one is (a row number or "existing site").
        of: String,
    },
    /// An answer must name either an item or a section, not both or neither.
    ItemOrSection,
    /// The same item or section is answered twice in one batch.
    AnsweredTwice,
    /// More than one file where one photo is sent at a time.
    OneFileOnly,
    /// A file over the size limit.
    FileTooLarge {
        /// The limit, in megabytes.
        max_megabytes: usize,
    },
    /// A list was expected (of answers, say).
    ExpectedList,
    /// A value, unit or count where this answer takes none.
    ValueNotExpected,
    /// Only an optional section can be marked not applicable.
    SectionNotOptional,
    /// This item cannot be answered not applicable.
    NotApplicableNotAllowed,
    /// This item has no alternative solution to offer.
    AlternativeNotAllowed,
    /// A note is needed (to explain an alternative solution).
    NoteNeeded,
    /// A result other than the measured one needs a note saying why.
    OverrideNeedsNote,
    /// A measured item needs its value.
    ValueNeeded,
    /// A count needs both numbers: in all, and accessible.
    CountNeeded,
    /// More provided than there are in all.
    ProvidedAboveTotal,
    /// Below zero.
    Negative,
    /// Not a whole number.
    NotWhole,
    /// Beyond the largest sensible value of its unit (a typo).
    AboveCeiling {
        /// The largest accepted.
        max: f64,
        /// The unit it is in.
        unit: String,
    },
    /// A unit that does not fit the item.
    WrongUnit {
        /// What was given.
        given: String,
        /// The units that fit.
        allowed: Vec<String>,
    },
    /// An item of the audit that is asked and not answered.
    AnswerMissing,
    /// The item's photo rule asks for a photo that is not there.
    PhotoMissing,
    /// An offered alternative the reviewer has not accepted or refused.
    AlternativeUndecided,
    /// A file that is not a photo this service takes (JPEG, PNG, WebP); says what it is.
    NotAPhoto {
        /// What the bytes are (`PDF`, `HEIC`, ...), or `None` when unrecognised.
        found: Option<String>,
    },
    /// A photo with more pixels than accepted.
    TooManyPixels {
        /// Its width.
        width: u32,
        /// Its height.
        height: u32,
        /// The most accepted, in megapixels.
        max_megapixels: u32,
    },
    /// A photo whose file is cut short or damaged.
    BrokenPhoto,
    /// A photo that would need more memory to decode than allowed.
    PhotoTooDemanding,
    /// A file far too small for the pixels its header declares (cut short, or forged).
    PhotoTooFewBytes {
        /// The width it declares.
        width: u32,
        /// The height it declares.
        height: u32,
        /// Its size in bytes.
        bytes: u64,
    },
    /// A resumable upload's piece sent for another offset than the one the server holds.
    OffsetMismatch {
        /// The bytes the server holds: where the next piece starts.
        expected: u64,
    },
    /// Not a date written `YYYY-MM-DD`.
    NotADate {
        /// What was sent.
        given: String,
    },
    /// The last day of a period before its first.
    EndBeforeStart {
        /// The first day, `YYYY-MM-DD`.
        from: String,
    },
    /// A period that starts after today: nothing of it has happened yet.
    StartsAfterToday {
        /// The first day given, `YYYY-MM-DD`.
        given: String,
        /// Today's date in the province, `YYYY-MM-DD`.
        today: String,
    },
    /// A period longer than a report may cover.
    PeriodTooLong {
        /// The most years allowed.
        max_years: u32,
    },
    /// A date before today, where only today or later makes sense (a due date).
    DateInPast {
        /// Today's date in the province, `YYYY-MM-DD`.
        today: String,
    },
    /// Marking a finding fixed needs at least one photo of the fix.
    AfterPhotoNeeded,
    /// A follow-up audit of a site that has no finding to check again.
    NothingToFollowUp,
    /// Photos go with marking a finding fixed, not with another step.
    PhotoOnlyWhenFixed,
    /// An after-photo that is one of the photos taken when the finding was found.
    SameAsBeforePhoto,
    /// Neither an email address nor a phone number.
    NotAContact,
    /// A record named as related to itself (a report as its own duplicate).
    NotItself,
    /// A registered place and a position both given: one or the other.
    SiteOrPosition,
    /// A report that has its last answer takes no other.
    ReportClosed,
    /// No such answer from the report's state (only the first answer is "under review";
    /// a planned follow-up ends confirmed or not a barrier).
    ReportStep,
    /// A new finding for a report of a place in no registry: the place is registered first.
    ReportNoPlace,
    /// A new finding on an item the site has a standing finding on: that one is chosen.
    ItemHasFinding,
    /// An account linked to an audit's participant that is no observer's.
    NotAnObserver,
    /// A participant or a finding that is not of this audit.
    NotOfThisAudit,
    /// A participant with an account writes their own remarks.
    WritesOwnRemarks,
    /// A participant whose remarks are on the record stays on it.
    HasRemarks,
    /// A day outside the year it is given for (a target's day).
    NotInYear { year: i32 },
    /// More values than allowed.
    TooMany {
        /// The most allowed.
        max: usize,
    },
    /// The input could not be read at all; `detail` says why (parser text, not translated).
    Malformed {
        /// The parser's explanation.
        detail: String,
    },
}

/// One refused field.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    /// The field's name as the client sent it (`lat`, `kind`, ...).
    pub field: String,
    /// Why it was refused.
    pub problem: Problem,
}

/// Every problem found in one piece of input; empty means valid.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    /// One error.
    pub fn single(field: &str, problem: Problem) -> Self {
        FieldErrors(vec![FieldError {
            field: field.to_owned(),
            problem,
        }])
    }

    /// Records a problem with `field`.
    pub fn add(&mut self, field: &str, problem: Problem) {
        self.0.push(FieldError {
            field: field.to_owned(),
            problem,
        });
    }

    /// Keeps the value of `result`, recording its error under `field`.
    pub fn take<T>(&mut self, field: &str, result: Result<T, Problem>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(problem) => {
                self.add(field, problem);
                None
            }
        }
    }

    /// Keeps the value of `result`, recording every one of its errors.
    pub fn take_all<T>(&mut self, result: Result<T, FieldErrors>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(errors) => {
                self.0.extend(errors.0);
                None
            }
        }
    }

    /// True when nothing was refused.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first problem with `field`, for showing next to a form field.
    pub fn for_field(&self, field: &str) -> Option<&Problem> {
        self.0.iter().find(|e| e.field == field).map(|e| &e.problem)
    }

    /// `Ok(value)` when empty, else these errors.
    pub fn into_result<T>(self, value: impl FnOnce() -> T) -> Result<T, FieldErrors> {
        if self.is_empty() {
            Ok(value())
        } else {
            Err(self)
        }
    }
}

#[cfg(test)]
mod tests;
