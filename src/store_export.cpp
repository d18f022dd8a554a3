#include "src/store_export.h"

#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>

#include <xlsxwriter.h>

#include "src/errors.h"
#include "src/output_csv.h"
#include "src/output_json.h"
#include "src/store.h"
#include "src/store_series.h"

namespace nianbao {
namespace {

constexpr const char* kUtf8Bom = "\xEF\xBB\xBF";
constexpr const char* kLineEnd = "\r\n";

std::string number_text(double v) {
    char buf[64];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    if (ec != std::errc()) throw std::runtime_error("cannot format a number");
    return std::string(buf, end);
}

std::string optional_number(const Statement& s, int col) { return s.is_null(col) ? "" : number_text(s.real(col)); }

std::vector<std::int64_t> done_documents(Database& db) {
    Statement s = db.prepare("SELECT id FROM documents WHERE status = 'done' ORDER BY path, id");
    std::vector<std::int64_t> ids;
    while (s.step()) ids.push_back(s.int64(0));
    return ids;
}

void check_stream(std::ostream& out, const char* what) {
    out.flush();
    if (!out) throw std::runtime_error(std::string("could not write the ") + what + " export (stream error)");
}

}  // namespace

void export_csv(Database& db, std::ostream& out) {
    out << kUtf8Bom
        << "document_id,sha256,path,agency,year,template,table,row,col,value,extracted_value,corrected,empty,text,"
           "confidence,page,x0,y0,x1,y1,source,needs_review,note"
        << kLineEnd;
    Statement s = db.prepare(
        "SELECT d.id, d.sha256, d.path, COALESCE(d.agency, ''), d.year, COALESCE(d.template, ''), v.table_id, v.row, "
        "v.col, v.final_value, v.value, v.corrected, v.empty, v.text, v.confidence, v.page, v.x0, v.y0, v.x1, v.y1, "
        "v.source, v.needs_review AND NOT v.corrected, COALESCE(v.note, '') "
        "FROM documents d JOIN tables t ON t.document_id = d.id "
        "JOIN cell_values v ON v.document_id = t.document_id AND v.table_id = t.table_id "
        "WHERE d.status = 'done' ORDER BY d.path, d.id, t.ord, v.ord");
    while (s.step()) {
        std::vector<std::string> f = {std::to_string(s.int64(0)), s.text(1), s.text(2), s.text(3),
                                      s.is_null(4) ? "" : std::to_string(s.int64(4)), s.text(5), s.text(6), s.text(7),
                                      s.text(8), optional_number(s, 9), optional_number(s, 10),
                                      s.int64(11) ? "true" : "false", s.int64(12) ? "true" : "false", s.text(13),
                                      number_text(s.real(14)), s.is_null(15) ? "" : std::to_string(s.int64(15))};
        for (int c = 16; c < 20; ++c) f.push_back(s.is_null(c) ? "" : number_text(std::round(s.real(c) * 100) / 100));
        f.push_back(s.text(20));
        f.push_back(s.int64(21) ? "true" : "false");
        f.push_back(s.text(22));
        for (size_t i = 0; i < f.size(); ++i) out << (i ? "," : "") << csv_field(f[i]);
        out << kLineEnd;
    }
    check_stream(out, "CSV");
}

void export_jsonl(Database& db, std::ostream& out, const std::vector<Schema>& schemas) {
    for (const std::int64_t id : done_documents(db)) {
        const Extraction ex = load_extraction(db, id, true, schemas);
        out << to_json(ex).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
    }
    check_stream(out, "JSON lines");
}

namespace {

// libxlsxwriter reports errors by return code; one place turns them into exceptions.
void xlsx_ok(lxw_error e, const std::string& what) {
    if (e != LXW_NO_ERROR) throw std::runtime_error("xlsx export: " + what + ": " + lxw_strerror(e));
}

struct Workbook {
    lxw_workbook* wb;
    explicit Workbook(const std::filesystem::path& file) : wb(workbook_new(file.c_str())) {
        if (!wb) throw InputError(ExitCode::unreadable, file.string() + ": cannot create the workbook");
    }
    ~Workbook() {
        if (wb) workbook_close(wb);
    }
    void close(const std::filesystem::path& file) {
        const lxw_error e = workbook_close(wb);
        wb = nullptr;
        if (e == LXW_ERROR_CREATING_XLSX_FILE || e == LXW_ERROR_CREATING_TMPFILE)
            throw InputError(ExitCode::unreadable, file.string() + ": cannot write: " + lxw_strerror(e));
        xlsx_ok(e, file.string());
    }
};

// One report's identity, in the first columns of every table sheet.
const std::vector<std::string> kDocumentColumns = {"document_id", "path", "agency", "year", "template"};

void write_text(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const std::string& s, lxw_format* f = nullptr) {
    xlsx_ok(worksheet_write_string(ws, r, c, s.c_str(), f), "write");
}

void write_table_sheet(Database& db, lxw_workbook* wb, const std::string& table, lxw_format* flagged,
                       lxw_format* corrected, lxw_format* bold) {
    // The columns: every row.col any report has, in the order reports print them.
    std::vector<std::string> keys;
    std::map<std::string, lxw_col_t> column_of;
    Statement k = db.prepare(
        "SELECT v.row || '.' || v.col FROM cell_values v JOIN documents d ON d.id = v.document_id "
        "WHERE d.status = 'done' AND v.table_id = ?1 ORDER BY d.path, d.id, v.ord");
    k.bind(1, table);
    while (k.step())
        if (column_of.emplace(k.text(0), static_cast<lxw_col_t>(kDocumentColumns.size() + keys.size())).second)
            keys.push_back(k.text(0));
    if (keys.empty()) return;

    lxw_worksheet* ws = workbook_add_worksheet(wb, table.substr(0, 31).c_str());
    if (!ws) throw std::runtime_error("xlsx export: cannot add sheet " + table);
    for (size_t i = 0; i < kDocumentColumns.size(); ++i) write_text(ws, 0, static_cast<lxw_col_t>(i), kDocumentColumns[i], bold);
    for (size_t i = 0; i < keys.size(); ++i)
        write_text(ws, 0, static_cast<lxw_col_t>(kDocumentColumns.size() + i), keys[i], bold);
    worksheet_freeze_panes(ws, 1, static_cast<lxw_col_t>(kDocumentColumns.size()));

    Statement c = db.prepare(
        "SELECT d.id, d.path, COALESCE(d.agency, ''), d.year, COALESCE(d.template, ''), v.row || '.' || v.col, "
        "v.final_value, v.corrected, v.needs_review, v.empty, v.text "
        "FROM cell_values v JOIN documents d ON d.id = v.document_id "
        "WHERE d.status = 'done' AND v.table_id = ?1 ORDER BY d.path, d.id, v.ord");
    c.bind(1, table);
    lxw_row_t r = 0;
    std::int64_t current = -1;
    while (c.step()) {
        if (c.int64(0) != current) {
            current = c.int64(0);
            ++r;
            xlsx_ok(worksheet_write_number(ws, r, 0, static_cast<double>(current), nullptr), "write");
            write_text(ws, r, 1, c.text(1));
            write_text(ws, r, 2, c.text(2));
            if (!c.is_null(3)) xlsx_ok(worksheet_write_number(ws, r, 3, c.real(3), nullptr), "write");
            write_text(ws, r, 4, c.text(4));
        }
        const lxw_col_t col = column_of.at(c.text(5));
        lxw_format* f = c.int64(7) ? corrected : (c.int64(8) ? flagged : nullptr);
        if (!c.is_null(6)) xlsx_ok(worksheet_write_number(ws, r, col, c.real(6), f), "write");
        else if (f) xlsx_ok(worksheet_write_blank(ws, r, col, f), "write");
    }
}

}  // namespace

void export_xlsx(Database& db, const std::filesystem::path& file) {
    Workbook book(file);
    lxw_format* flagged = workbook_add_format(book.wb);
    format_set_bg_color(flagged, 0xFFFF99);
    lxw_format* corrected = workbook_add_format(book.wb);
    format_set_bg_color(corrected, 0xC6EFCE);
    lxw_format* bold = workbook_add_format(book.wb);
    format_set_bold(bold);

    for (const char* table : {"proactive", "requests", "appeals"}) write_table_sheet(db, book.wb, table, flagged, corrected, bold);

    lxw_worksheet* checks = workbook_add_worksheet(book.wb, "checks");
    const std::vector<std::string> check_head = {"document_id", "path", "rule", "row", "col", "status", "message"};
    for (size_t i = 0; i < check_head.size(); ++i) write_text(checks, 0, static_cast<lxw_col_t>(i), check_head[i], bold);
    lxw_row_t r = 0;
    Statement k = db.prepare(
        "SELECT d.id, d.path, k.rule, COALESCE(k.row, ''), COALESCE(k.col, ''), k.status, k.message FROM checks k "
        "JOIN documents d ON d.id = k.document_id WHERE d.status = 'done' AND k.status = 'fail' ORDER BY d.path, k.ord");
    while (k.step()) {
        ++r;
        xlsx_ok(worksheet_write_number(checks, r, 0, k.real(0), nullptr), "write");
        for (int i = 1; i < 7; ++i) write_text(checks, r, static_cast<lxw_col_t>(i), k.text(i));
    }
    for (const auto& s : compute_series_checks(db)) {
        if (s.status != "fail") continue;
        ++r;
        xlsx_ok(worksheet_write_number(checks, r, 0, static_cast<double>(s.document_id), nullptr), "write");
        write_text(checks, r, 1, s.agency_key + " " + std::to_string(s.year));
        write_text(checks, r, 2, s.rule);
        write_text(checks, r, 4, s.col);
        write_text(checks, r, 5, s.status);
        write_text(checks, r, 6, s.message);
    }

    lxw_worksheet* docs = workbook_add_worksheet(book.wb, "documents");
    const std::vector<std::string> doc_head = {"document_id", "sha256", "path", "pages", "kind", "agency", "year",
                                               "template", "status", "failure", "error", "seconds"};
    for (size_t i = 0; i < doc_head.size(); ++i) write_text(docs, 0, static_cast<lxw_col_t>(i), doc_head[i], bold);
    Statement d = db.prepare(
        "SELECT id, sha256, path, pages, COALESCE(kind, ''), COALESCE(agency, ''), year, COALESCE(template, ''), status, "
        "COALESCE(failure, ''), COALESCE(error, ''), seconds FROM documents ORDER BY path, id");
    r = 0;
    while (d.step()) {
        ++r;
        for (int i = 0; i < 12; ++i) {
            const bool numeric = i == 0 || i == 3 || i == 6 || i == 11;
            if (d.is_null(i)) continue;
            if (numeric) xlsx_ok(worksheet_write_number(docs, r, static_cast<lxw_col_t>(i), d.real(i), nullptr), "write");
            else write_text(docs, r, static_cast<lxw_col_t>(i), d.text(i));
        }
    }
    book.close(file);
}

}  // namespace nianbao
