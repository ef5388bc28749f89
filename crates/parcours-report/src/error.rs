//! What can go wrong while a report is written: the writer it goes to, or a spreadsheet
//! beyond what the format holds. Shown to users by the CLI, in French.

/// An error while writing a report.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The writer refused the bytes (a full disk, a closed pipe…).
    #[error("écriture impossible : {0}")]
    Io(#[from] std::io::Error),
    /// A CSV row could not be written.
    #[error("écriture du CSV impossible : {0}")]
    Csv(#[from] csv::Error),
    /// The XLSX workbook could not be built (a limit of the format, its scratch files).
    #[error("classeur XLSX impossible à écrire : {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
}

/// A report's result.
pub type Result<T> = std::result::Result<T, Error>;
