#pragma once
// `nianbao review`: what the review page asks of the batch database, without
// HTTP. Every answer is JSON (or PNG bytes for images); documents and cells
// are named by their ids in the store, never by a path, and only the store's
// documents and their own source files are ever read. The HTTP side is
// src/review_server.h; the page is src/review_page/; docs/review.md.
//
// The checks shown are live: the template's rules and the narrative checks
// (from the prose's claims kept in the store) evaluated again on the
// corrected values (src/review_live.h). The queue is read from SQLite
// without loading documents (src/review_queue.h).

#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>

#include "src/review_error.h"
#include "src/review_live.h"
#include "src/review_queue.h"
#include "src/store.h"
#include "tables/label_text.h"
#include "tables/schema.h"

namespace nianbao {

struct CellKey {
    std::int64_t document = 0;
    std::string table, row, col;
};

class ReviewApi {
public:
    ReviewApi(const std::filesystem::path& db_file, std::vector<Schema> schemas);

    // review_queue(): the cells left to review and the documents' counts.
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
    LiveDocument load(std::int64_t id) { return load_live_document(store_.db(), id, schemas_); }
    nlohmann::json cell_json(const LiveDocument& d, const LiveCell& c);
    nlohmann::json checks_json(const LiveDocument& d);
    // {cell, checks, document} after a change, the live checks saved.
    nlohmann::json changed(const CellKey& key);
    // OCR's other readings that are numbers of the column's kind, other than the value.
    nlohmann::json alternatives_json(const LiveCell& c, const std::string& value_type);
    const LiveCell& find_cell(const LiveDocument& d, const CellKey& key);
    // The page rendered (PDF) or loaded (page images) at about `dpi`; the
    // second is the scale from PDF points to pixels.
    std::pair<cv::Mat, double> render(std::int64_t document, int page, double dpi);
    std::filesystem::path source_file(std::int64_t document, std::string& input_type);

    Store store_;
    std::vector<Schema> schemas_;
    LabelText text_;    // to read OCR's alternatives as numbers
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
