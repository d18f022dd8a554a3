#include "src/output_xlsx.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <xlsxwriter.h>

#include "src/errors.h"
#include "src/output_json.h"

namespace nianbao {
namespace {

namespace fs = std::filesystem;

// lxw_workbook_free releases a workbook without writing anything: right for
// a workbook abandoned halfway by an exception. The success path instead
// hands the pointer to workbook_close, which writes the file and frees it.
struct DiscardWorkbook {
    void operator()(lxw_workbook* wb) const { lxw_workbook_free(wb); }
};
using WorkbookPtr = std::unique_ptr<lxw_workbook, DiscardWorkbook>;

// A rectangle of cells, inclusive, zero-based as libxlsxwriter counts.
struct Range {
    lxw_row_t row0;
    lxw_col_t col0;
    lxw_row_t row1;
    lxw_col_t col1;
};

// [begin, end) spans of consecutive equal keys: what one merged header or
// group label covers.
struct Run {
    size_t begin;
    size_t end;
};

std::vector<Run> runs_of(const std::vector<std::string>& keys) {
    std::vector<Run> runs;
    for (size_t i = 0; i < keys.size(); ++i) {
        if (runs.empty() || keys[i] != keys[runs.back().begin])
            runs.push_back({i, i + 1});
        else
            runs.back().end = i + 1;
    }
    return runs;
}


std::string join(const std::vector<std::string>& parts, const std::string& sep) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
    return out;
}

std::string pages_text(const std::vector<int>& pages) {
    std::vector<std::string> parts;
    for (int p : pages) parts.push_back(std::to_string(p));
    return join(parts, ", ");
}

// What a reviewer needs beside a yellow cell: why it is yellow and what the
// document printed there.
std::string review_comment(const BoundCell& c) {
    std::vector<std::string> lines;
    lines.push_back(c.note.empty() ? "needs review" : c.note);
    if (!c.text.empty()) lines.push_back("text: " + c.text);
    lines.push_back(c.page > 0 ? "page " + std::to_string(c.page) : "not found in the document");
    return join(lines, "\n");
}

std::vector<std::string> column_ids(const std::vector<const SchemaColumn*>& cols) {
    std::vector<std::string> ids;
    for (const auto* c : cols) ids.push_back(c->id);
    return ids;
}

class WorkbookBuilder {
public:
    WorkbookBuilder(const Extraction& x, const fs::path& file) : x_(x), file_(file) {
        wb_.reset(workbook_new(file_.c_str()));
        if (!wb_) throw std::runtime_error("cannot start XLSX file " + file_.string() + ": libxlsxwriter refused it");
        add_formats();
    }

    void build() {
        for (const BoundTable* t : tables_in_schema_order(x_)) write_table_sheet(*t);
        write_checks_sheet();
        write_report_sheet();
    }

    void save() {
        // workbook_close frees the workbook whether or not it succeeds. When
        // it cannot create the file, errno still says why (no such folder,
        // permission denied), which is what the user needs to hear.
        errno = 0;
        const lxw_error err = workbook_close(wb_.release());
        if (err == LXW_ERROR_CREATING_XLSX_FILE) {
            const std::string reason = errno ? std::strerror(errno) : lxw_strerror(err);
            throw InputError(ExitCode::unreadable, "cannot write XLSX file " + file_.string() + ": " + reason);
        }
        check(err, "saving");
    }

private:
    struct Formats {
        lxw_format* title = nullptr;
        lxw_format* header = nullptr;   // bold, centred, bordered
        lxw_format* label = nullptr;    // a row label
        lxw_format* group = nullptr;    // a group label merged down its rows
        lxw_format* value = nullptr;    // a number
        lxw_format* review = nullptr;   // a number that needs review: yellow
        lxw_format* text = nullptr;     // plain wrapped text (checks, report)
        lxw_format* failed = nullptr;   // a failing check: red
        lxw_format* key = nullptr;      // the report sheet's key column
    };

    // ---- libxlsxwriter plumbing --------------------------------------------

    void check(lxw_error err, const std::string& what) const {
        if (err != LXW_NO_ERROR)
            throw std::runtime_error("cannot write XLSX file " + file_.string() + ": " + what + ": " + lxw_strerror(err));
    }

    // Builds the context only on failure, since this runs for every cell.
    void check_at(lxw_error err, lxw_worksheet* ws, lxw_row_t r, lxw_col_t c) const {
        if (err == LXW_NO_ERROR) return;
        char cell[32];
        lxw_rowcol_to_cell(cell, r, c);
        check(err, std::string("sheet ") + ws->name + ", cell " + cell);
    }

    lxw_format* new_format() {
        lxw_format* f = workbook_add_format(wb_.get());
        if (!f) throw std::runtime_error("cannot write XLSX file " + file_.string() + ": out of memory");
        return f;
    }

    lxw_format* bordered(bool bold, uint8_t align) {
        lxw_format* f = new_format();
        format_set_border(f, LXW_BORDER_THIN);
        format_set_text_wrap(f);
        format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
        if (align != LXW_ALIGN_NONE) format_set_align(f, align);
        if (bold) format_set_bold(f);
        return f;
    }

    void add_formats() {
        f_.title = new_format();
        format_set_bold(f_.title);
        format_set_font_size(f_.title, 14);
        f_.header = bordered(true, LXW_ALIGN_CENTER);
        f_.label = bordered(false, LXW_ALIGN_LEFT);
        f_.group = bordered(false, LXW_ALIGN_CENTER);
        f_.value = bordered(false, LXW_ALIGN_NONE);
        f_.review = bordered(false, LXW_ALIGN_NONE);
        format_set_bg_color(f_.review, LXW_COLOR_YELLOW);
        f_.text = new_format();
        format_set_text_wrap(f_.text);
        format_set_align(f_.text, LXW_ALIGN_VERTICAL_TOP);
        f_.failed = new_format();
        format_set_text_wrap(f_.failed);
        format_set_align(f_.failed, LXW_ALIGN_VERTICAL_TOP);
        format_set_font_color(f_.failed, LXW_COLOR_RED);
        f_.key = new_format();
        format_set_bold(f_.key);
        format_set_align(f_.key, LXW_ALIGN_VERTICAL_TOP);
    }

    lxw_worksheet* add_sheet(const std::string& name) {
        check(workbook_validate_sheet_name(wb_.get(), name.c_str()), "sheet name '" + name + "'");
        lxw_worksheet* ws = workbook_add_worksheet(wb_.get(), name.c_str());
        if (!ws) throw std::runtime_error("cannot write XLSX file " + file_.string() + ": cannot add sheet " + name);
        return ws;
    }

    // Writes `text` over the range, merging when it covers more than one cell
    // (libxlsxwriter refuses to merge a single cell).
    void put(lxw_worksheet* ws, Range r, const std::string& text, lxw_format* fmt) {
        const bool single = r.row0 == r.row1 && r.col0 == r.col1;
        const lxw_error err = single ? worksheet_write_string(ws, r.row0, r.col0, text.c_str(), fmt)
                                     : worksheet_merge_range(ws, r.row0, r.col0, r.row1, r.col1, text.c_str(), fmt);
        check_at(err, ws, r.row0, r.col0);
    }

    void put(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const std::string& text, lxw_format* fmt) {
        put(ws, {r, c, r, c}, text, fmt);
    }

    void put_number(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, double v, lxw_format* fmt) {
        check_at(worksheet_write_number(ws, r, c, v, fmt), ws, r, c);
    }

    void set_width(lxw_worksheet* ws, lxw_col_t first, lxw_col_t last, double width) {
        check(worksheet_set_column(ws, first, last, width, nullptr), std::string("sheet ") + ws->name + ", column width");
    }

    // A value cell: the number, or blank when there is none; yellow with a
    // comment when it needs review. `cell` is null when the extraction lacks
    // a cell the schema has, which is itself worth a reviewer's look.
    void put_value(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const BoundCell* cell) {
        const bool review = !cell || cell->needs_review;
        lxw_format* fmt = review ? f_.review : f_.value;
        if (cell && cell->value)
            put_number(ws, r, c, *cell->value, fmt);
        else
            check_at(worksheet_write_blank(ws, r, c, fmt), ws, r, c);
        if (review) {
            const std::string comment = cell ? review_comment(*cell) : "missing from the extraction";
            check_at(worksheet_write_comment(ws, r, c, comment.c_str()), ws, r, c);
        }
    }

    // ---- table sheets --------------------------------------------------------

    void write_table_sheet(const BoundTable& t) {
        const SchemaTable* st = x_.schema.table(t.id);
        if (!st)
            throw std::runtime_error("cannot write XLSX file " + file_.string() + ": table '" + t.id +
                                     "' is not in schema " + x_.schema.id);
        lxw_worksheet* ws = add_sheet(t.id);
        if (st->row_axis == Axis::above)
            write_column_blocks(ws, *st, t);
        else if (std::any_of(st->rows.begin(), st->rows.end(), [](const SchemaRow& r) { return !r.columns.empty(); }))
            write_sections(ws, *st, t);
        else
            write_grid(ws, *st, t);
    }

    // Rows down the left, one column per schema column (requests): the title,
    // then the header block (an optional heading over all value columns,
    // column groups over their columns, ungrouped columns spanning the whole
    // block), then one line per row with its group label merged down.
    void write_grid(lxw_worksheet* ws, const SchemaTable& st, const BoundTable& t) {
        const auto rows = st.rows_in(t.variant);
        std::vector<const SchemaColumn*> cols;
        for (const auto& c : st.columns) cols.push_back(&c);

        const bool row_groups = std::any_of(rows.begin(), rows.end(), [](auto* r) { return !r->group.empty(); });
        const bool col_groups = std::any_of(cols.begin(), cols.end(), [](auto* c) { return !c->group.empty(); });
        const std::string& heading = st.column_heading;

        const lxw_col_t first_value = row_groups ? 2 : 1;
        const lxw_col_t last_col = first_value + cols.size() - 1;
        const lxw_row_t header_top = 1;
        const lxw_row_t labels_top = header_top + (heading.empty() ? 0 : 1);
        const lxw_row_t header_bottom = labels_top + (col_groups ? 1 : 0);

        put(ws, {0, 0, 0, last_col}, st.title, f_.title);
        put(ws, {header_top, 0, header_bottom, static_cast<lxw_col_t>(first_value - 1)}, "", f_.header);
        if (!heading.empty()) put(ws, {header_top, first_value, header_top, last_col}, heading, f_.header);
        write_column_headers(ws, cols, labels_top, header_bottom, first_value);

        const lxw_row_t first_row = header_bottom + 1;
        write_row_labels(ws, rows, first_row, row_groups);
        for (size_t i = 0; i < rows.size(); ++i)
            for (size_t j = 0; j < cols.size(); ++j)
                put_value(ws, first_row + i, first_value + j, t.find(rows[i]->id, cols[j]->id));

        if (row_groups) set_width(ws, 0, 0, 16);
        set_width(ws, first_value - 1, first_value - 1, 46);
        set_width(ws, first_value, last_col, 11);
        worksheet_freeze_panes(ws, first_row, first_value);
    }

    // Grouped columns get the group merged across them on line `top` and
    // their label on `bottom`; a column without a group spans top..bottom.
    void write_column_headers(lxw_worksheet* ws, const std::vector<const SchemaColumn*>& cols, lxw_row_t top,
                              lxw_row_t bottom, lxw_col_t first_col) {
        std::vector<std::string> groups;
        for (const auto* c : cols) groups.push_back(c->group);
        for (const Run& run : runs_of(groups)) {
            const lxw_col_t c0 = first_col + run.begin, c1 = first_col + run.end - 1;
            const bool grouped = !groups[run.begin].empty();
            if (grouped) put(ws, {top, c0, top, c1}, groups[run.begin], f_.header);
            for (size_t j = run.begin; j < run.end; ++j) {
                const lxw_col_t c = first_col + j;
                put(ws, {grouped ? bottom : top, c, bottom, c}, cols[j]->label, f_.header);
            }
        }
    }

    // With groups: the group label in column A merged down its rows, the row's
    // own label in B; a row without a group spans A:B. Without: labels in A.
    void write_row_labels(lxw_worksheet* ws, const std::vector<const SchemaRow*>& rows, lxw_row_t first_row,
                          bool two_columns) {
        if (!two_columns) {
            for (size_t i = 0; i < rows.size(); ++i) put(ws, first_row + i, 0, rows[i]->label, f_.label);
            return;
        }
        std::vector<std::string> groups;
        for (const auto* r : rows) groups.push_back(r->group);
        for (const Run& run : runs_of(groups)) {
            const lxw_row_t r0 = first_row + run.begin, r1 = first_row + run.end - 1;
            const bool grouped = !groups[run.begin].empty();
            if (grouped) put(ws, {r0, 0, r1, 0}, groups[run.begin], f_.group);
            for (size_t i = run.begin; i < run.end; ++i) {
                const lxw_row_t r = first_row + i;
                put(ws, {r, static_cast<lxw_col_t>(grouped ? 1 : 0), r, 1}, rows[i]->label, f_.label);
            }
        }
    }

    // Rows with their own columns (proactive), as printed: for each section a
    // heading line, then a header line (信息内容 + the columns) whenever the
    // set of columns changes, then one line per row: label, its values.
    void write_sections(lxw_worksheet* ws, const SchemaTable& st, const BoundTable& t) {
        const auto rows = st.rows_in(t.variant);
        std::vector<std::vector<const SchemaColumn*>> row_cols;
        std::vector<std::string> block_keys;  // section + column set: one header line each
        size_t widest = 1;
        for (const auto* r : rows) {
            row_cols.push_back(st.columns_of(*r));
            block_keys.push_back(r->section + "\x1f" + join(column_ids(row_cols.back()), ","));
            widest = std::max(widest, row_cols.back().size());
        }
        const lxw_col_t last_col = widest;

        put(ws, {0, 0, 0, last_col}, st.title, f_.title);
        lxw_row_t line = 1;
        const std::string* previous_section = nullptr;
        for (const Run& run : runs_of(block_keys)) {
            const std::string& section = rows[run.begin]->section;
            if (!section.empty() && (!previous_section || *previous_section != section)) {
                put(ws, {line, 0, line, last_col}, section, f_.header);
                ++line;
            }
            previous_section = &section;

            const auto& cols = row_cols[run.begin];
            put(ws, line, 0, st.label_heading, f_.header);
            for (size_t j = 0; j < cols.size(); ++j) put(ws, line, 1 + j, cols[j]->label, f_.header);
            ++line;
            for (size_t i = run.begin; i < run.end; ++i, ++line) {
                put(ws, line, 0, rows[i]->label, f_.label);
                for (size_t j = 0; j < cols.size(); ++j) put_value(ws, line, 1 + j, t.find(rows[i]->id, cols[j]->id));
            }
        }
        set_width(ws, 0, 0, 24);
        set_width(ws, 1, last_col, 16);
    }

    // Rows that stand above their values (appeals): on paper each row is a
    // block of columns side by side and all values sit on one line. Header:
    // the row group (行政诉讼) over its rows' blocks, the row label over its
    // block, the column labels under it; a row without a group has its label
    // on the top line and its column labels span the rest of the block.
    void write_column_blocks(lxw_worksheet* ws, const SchemaTable& st, const BoundTable& t) {
        const auto rows = st.rows_in(t.variant);
        std::vector<std::vector<const SchemaColumn*>> row_cols;
        std::vector<lxw_col_t> block_start;
        std::vector<std::string> groups;
        lxw_col_t width = 0;
        for (const auto* r : rows) {
            row_cols.push_back(st.columns_of(*r));
            block_start.push_back(width);
            width += row_cols.back().size();
            groups.push_back(r->group);
        }
        if (width == 0) return;
        const lxw_col_t last_col = width - 1;
        const bool row_groups = std::any_of(groups.begin(), groups.end(), [](auto& g) { return !g.empty(); });
        const lxw_row_t header_top = 1;
        const lxw_row_t header_bottom = row_groups ? 3 : 2;
        const lxw_row_t values = header_bottom + 1;
        const auto block_end = [&](size_t i) { return static_cast<lxw_col_t>(block_start[i] + row_cols[i].size() - 1); };

        put(ws, {0, 0, 0, last_col}, st.title, f_.title);
        for (const Run& run : runs_of(groups)) {
            const bool grouped = !groups[run.begin].empty();
            if (grouped) put(ws, {header_top, block_start[run.begin], header_top, block_end(run.end - 1)}, groups[run.begin], f_.header);
            const lxw_row_t label_line = grouped ? header_top + 1 : header_top;
            for (size_t i = run.begin; i < run.end; ++i) {
                put(ws, {label_line, block_start[i], label_line, block_end(i)}, rows[i]->label, f_.header);
                for (size_t j = 0; j < row_cols[i].size(); ++j) {
                    const lxw_col_t c = block_start[i] + j;
                    put(ws, {static_cast<lxw_row_t>(label_line + 1), c, header_bottom, c}, row_cols[i][j]->label, f_.header);
                    put_value(ws, values, c, t.find(rows[i]->id, row_cols[i][j]->id));
                }
            }
        }
        set_width(ws, 0, last_col, 10);
    }

    // ---- checks and report -----------------------------------------------------

    void write_checks_sheet() {
        lxw_worksheet* ws = add_sheet("checks");
        const std::vector<std::string> header = {"rule", "row", "col", "status", "cells", "message"};
        for (size_t j = 0; j < header.size(); ++j) put(ws, 0, j, header[j], f_.key);
        lxw_row_t line = 1;
        for (const auto& c : x_.checks) {
            lxw_format* fmt = c.status == "fail" ? f_.failed : f_.text;
            const std::vector<std::string> fields = {c.rule, c.row, c.col, c.status, join(c.cells, ", "), c.message};
            for (size_t j = 0; j < fields.size(); ++j) put(ws, line, j, fields[j], fmt);
            ++line;
        }
        worksheet_freeze_panes(ws, 1, 0);
        check(worksheet_autofilter(ws, 0, 0, line - 1, header.size() - 1), "sheet checks, autofilter");
        set_width(ws, 0, 0, 26);
        set_width(ws, 1, 2, 18);
        set_width(ws, 3, 3, 9);
        set_width(ws, 4, 4, 48);
        set_width(ws, 5, 5, 60);
    }

    void write_report_sheet() {
        lxw_worksheet* ws = add_sheet("report");
        lxw_row_t line = 0;
        const auto text = [&](const std::string& key, const std::string& value) {
            put(ws, line, 0, key, f_.key);
            put(ws, line, 1, value, f_.text);
            ++line;
        };
        const auto number = [&](const std::string& key, double value) {
            put(ws, line, 0, key, f_.key);
            put_number(ws, line, 1, value, f_.text);
            ++line;
        };
        text("input.path", x_.input.path);
        text("input.sha256", x_.input.sha256);
        number("input.pages", x_.input.pages);
        text("input.kind", x_.input.kind);
        text("report.agency", x_.report.agency);
        if (x_.report.year)
            number("report.year", *x_.report.year);
        else
            text("report.year", "");
        text("schema", x_.schema.id);
        text("nianbao", NIANBAO_VERSION);
        for (const BoundTable* t : tables_in_schema_order(x_)) {
            const std::string prefix = "tables." + t->id + ".";
            text(prefix + "pages", pages_text(t->pages));
            if (!t->variant.empty()) text(prefix + "variant", t->variant);
            for (const auto& p : t->problems) text(prefix + "problem", p);
        }
        for (const auto& w : x_.warnings) text("warning", w);
        set_width(ws, 0, 0, 30);
        set_width(ws, 1, 1, 80);
    }

    const Extraction& x_;
    fs::path file_;
    WorkbookPtr wb_;
    Formats f_;
};

}  // namespace

void write_xlsx(const Extraction& extraction, const std::filesystem::path& file) {
    WorkbookBuilder builder(extraction, file);
    builder.build();
    builder.save();
}

}  // namespace nianbao
