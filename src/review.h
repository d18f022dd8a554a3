#pragma once
// `nianbao review`: what the review page asks of the batch database, without
// HTTP. Every answer is JSON (or PNG bytes for images); documents and cells
// are named by their ids in the store, never by a path, and only the store's
// documents and their own source files are ever read. The HTTP side is
// src/review_server.h; the page is src/review_page/; docs/review.md.
//
// The checks shown are live: the template's rules evaluated again on the
// corrected values (tables/checks.h). Narrative checks need the prose, which
// the store does not keep: they are shown as stored ("live": false).

#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>

#include "src/store.h"
#include "tables/schema.h"

namespace nianbao {

// A request the API cannot answer: `status` is the HTTP status to send
// (400 bad request, 404 unknown document or cell, 409 nothing to undo).
class ReviewError : public std::runtime_error {
public:
    ReviewError(int status, const std::string& message) : std::runtime_error(message), status_(status) {}
    int status() const { return status_; }

private:
    int status_;
};

struct CellKey {
    std::int64_t document = 0;
    std::string table, row, col;
};

struct QueueFilter {
    std::optional<std::int64_t> document;
    std::string table;   // "" = any
    std::optional<int> year;
    std::string agency;  // substring of the agency, "" = any
    std::string check;   // rule id: only cells covered by this rule
};

class ReviewApi {
public:
    ReviewApi(const std::filesystem::path& db_file, std::vector<Schema> schemas);

    // Documents with failing checks first, then the cells left to review
    // (flagged or in a failing check, and not corrected) by ascending
    // confidence; and the counts of what is left.
    nlohmann::json queue(const QueueFilter& filter);
    nlohmann::json cell(const CellKey& key);
    // {document, checks}: one document's state and all its checks.
    nlohmann::json document(std::int64_t id);
    // A correction row (the extracted value stays in `cells`); `value` null
    // means the cell holds no number. Accepting a reading is a correction to
    // the same value. Returns {cell, checks, document}.
    nlohmann::json correct(const CellKey& key, const nlohmann::json& value, const std::string& reviewer,
                           const std::string& note);
    // Deletes the latest correction of the cell; ReviewError(409) when none.
    nlohmann::json undo(const CellKey& key);
    // The page's size in points and every cell on it with its state.
    nlohmann::json page(std::int64_t document, int page);

    // PNG: the cell cropped from its page with a margin, outlined.
    std::string cell_png(const CellKey& key);
    // PNG: the whole page, grey, at `dpi`.
    std::string page_png(std::int64_t document, int page, double dpi = 100);

private:
    struct LiveCell {
        std::string table, row, col;
        int table_ord = 0, ord = 0;
        std::optional<double> value, final_value;
        bool empty = false, corrected = false, needs_review = false;
        std::string text, source, note;
        double confidence = 0;
        int page = 0;
        std::optional<Box> bbox;
    };
    struct LiveDocument {
        std::int64_t id = 0;
        std::string name, agency, template_id, input_type;
        std::optional<int> year;
        const Schema* schema = nullptr;
        std::vector<LiveCell> cells;
        std::vector<CheckResult> checks;
        std::vector<bool> check_live;
    };

    LiveDocument load(std::int64_t id);
    std::vector<std::int64_t> done_documents();
    nlohmann::json cell_json(const LiveDocument& d, const LiveCell& c);
    nlohmann::json document_json(const LiveDocument& d);
    nlohmann::json checks_json(const LiveDocument& d);
    const LiveCell& find_cell(const LiveDocument& d, const CellKey& key);
    // The page rendered (PDF) or loaded (page images) at about `dpi`; the
    // second is the scale from PDF points to pixels.
    std::pair<cv::Mat, double> render(std::int64_t document, int page, double dpi);
    std::filesystem::path source_file(std::int64_t document, std::string& input_type);

    Store store_;
    std::vector<Schema> schemas_;
    std::mutex mutex_;  // one request at a time: SQLite connection, caches
    std::map<std::int64_t, std::filesystem::path> verified_;  // document -> its checked source
    struct Rendered {
        std::int64_t document;
        int page;
        double dpi;
        cv::Mat image;
        double scale;
    };
    std::vector<Rendered> rendered_;  // the last few pages, newest last
};

// Table, row and column ids in a URL must be schema identifiers: [a-z0-9_]+.
bool is_identifier(const std::string& s);

}  // namespace nianbao
