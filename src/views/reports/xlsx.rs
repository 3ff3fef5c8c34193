//! The report as an Excel workbook: one sheet per table, its title above bold headings, and
//! each column in its number format (whole numbers, percentages, days, dates).

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::tables::{Cell, Table};

/// `tables` as a workbook; `heading` goes above the first sheet's table.
pub fn write(heading: &[String], tables: &[Table]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let title = Format::new().set_bold().set_font_size(13);
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_border_bottom(rust_xlsxwriter::FormatBorder::Thin);
    let count = Format::new().set_num_format("#,##0");
    let money = Format::new().set_num_format("#,##0 \"₫\"");
    let share = Format::new().set_num_format("0.0%");
    let days = Format::new().set_num_format("0.0");
    let change = Format::new().set_num_format("+0.0;-0.0;0");
    let share_change = Format::new().set_num_format("+0.0%;-0.0%;0.0%");
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (n, table) in tables.iter().enumerate() {
        let sheet = book.add_worksheet();
        sheet.set_name(&table.sheet)?;
        let mut row: u32 = 0;
        if n == 0 {
            for line in heading {
                sheet.write_string_with_format(row, 0, line, &title)?;
                row += 1;
            }
            row += 1;
        }
        sheet.write_string_with_format(row, 0, &table.title, &title)?;
        row += 2;
        for (c, heading) in table.columns.iter().enumerate() {
            sheet.write_string_with_format(row, c as u16, heading, &head)?;
        }
        sheet.set_column_width(0, 40)?;
        for c in 1..table.columns.len() {
            sheet.set_column_width(c as u16, 16)?;
        }
        sheet.set_freeze_panes(row + 1, 1)?;
        for cells in &table.rows {
            row += 1;
            for (c, cell) in cells.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Text(t) | Cell::Linked { text: t, .. } => {
                        sheet.write_string(row, c, t)?;
                    }
                    Cell::Count(v) => {
                        sheet.write_number_with_format(row, c, *v as f64, &count)?;
                    }
                    Cell::Money(v) => {
                        sheet.write_number_with_format(row, c, *v as f64, &money)?;
                    }
                    Cell::Share(Some(v)) => {
                        sheet.write_number_with_format(row, c, *v, &share)?;
                    }
                    Cell::Days(Some(v)) => {
                        sheet.write_number_with_format(row, c, *v, &days)?;
                    }
                    Cell::Change(Some(v)) => {
                        sheet.write_number_with_format(row, c, *v, &change)?;
                    }
                    Cell::ShareChange(Some(v)) => {
                        sheet.write_number_with_format(row, c, *v, &share_change)?;
                    }
                    Cell::Share(None)
                    | Cell::Days(None)
                    | Cell::Change(None)
                    | Cell::ShareChange(None) => {}
                    Cell::Date(d) => {
                        let d = rust_xlsxwriter::ExcelDateTime::parse_from_str(&d.to_string())?;
                        sheet.write_datetime_with_format(row, c, &d, &date)?;
                    }
                }
            }
        }
    }
    book.save_to_buffer()
}
