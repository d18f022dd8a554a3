#include "src/discover.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <stdexcept>

#include "src/errors.h"
#include "src/file_hash.h"

namespace nianbao {
namespace fs = std::filesystem;

namespace {

std::string lower_extension(const fs::path& p) {
    std::string e = p.extension().string();
    std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return e;
}

bool is_pdf(const fs::path& p) { return lower_extension(p) == ".pdf"; }

// What a walk found before hashing: PDFs, and image pages grouped by folder.
struct Found {
    std::vector<fs::path> pdfs;
    std::map<fs::path, std::vector<fs::path>> image_folders;
};

void walk(const fs::path& root, Found& found, std::vector<std::string>& problems) {
    std::error_code ec;
    if (fs::is_regular_file(root, ec)) {
        if (is_pdf(root)) found.pdfs.push_back(root);
        else if (is_page_image(root)) found.image_folders[root.parent_path()].push_back(root);
        else found.pdfs.push_back(root);  // named explicitly: let extraction say what it is
        return;
    }
    if (!fs::is_directory(root, ec)) {
        problems.push_back(root.string() + ": not found");
        return;
    }
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
        problems.push_back(root.string() + ": " + ec.message());
        return;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) {
            problems.push_back(it->path().string() + ": " + ec.message());
            break;
        }
        if (!it->is_regular_file(ec)) continue;
        const fs::path& p = it->path();
        if (is_pdf(p)) found.pdfs.push_back(p);
        else if (is_page_image(p)) found.image_folders[p.parent_path()].push_back(p);
    }
}

// Hashes what was found and folds equal contents into one document.
Discovery collect(Found found, std::vector<std::string> problems) {
    std::vector<DocumentInput> all;
    for (const auto& p : found.pdfs) {
        try {
            all.push_back(DocumentInput{sha256_file(p), p, "pdf", 0, {}});
        } catch (const std::exception& e) {
            problems.push_back(e.what());
        }
    }
    for (auto& [folder, pages] : found.image_folders) {
        std::sort(pages.begin(), pages.end());
        try {
            std::string hashes;
            for (const auto& p : pages) hashes += sha256_file(p) + "\n";
            all.push_back(DocumentInput{sha256_text(hashes), folder, "images", static_cast<int>(pages.size()), {}});
        } catch (const std::exception& e) {
            problems.push_back(e.what());
        }
    }
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.path < b.path; });

    Discovery out;
    out.problems = std::move(problems);
    std::map<std::string, size_t> by_hash;
    for (auto& d : all) {
        auto [it, fresh] = by_hash.emplace(d.sha256, out.documents.size());
        if (fresh) {
            out.documents.push_back(std::move(d));
        } else if (out.documents[it->second].path != d.path) {
            out.documents[it->second].other_paths.push_back(d.path);
            ++out.duplicates;
        }
    }
    return out;
}

}  // namespace

bool is_page_image(const fs::path& p) {
    const std::string e = lower_extension(p);
    return e == ".png" || e == ".jpg" || e == ".jpeg" || e == ".tif" || e == ".tiff";
}

Discovery discover_folder(const fs::path& root) {
    Found found;
    std::vector<std::string> problems;
    walk(root, found, problems);
    return collect(std::move(found), std::move(problems));
}

Discovery discover_manifest(const fs::path& manifest) {
    std::ifstream in(manifest);
    if (!in) throw InputError(ExitCode::unreadable, manifest.string() + ": cannot read the manifest");
    const fs::path base = manifest.parent_path();
    Found found;
    std::vector<std::string> problems;
    std::string line;
    while (std::getline(in, line)) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
        const size_t start = line.find_first_not_of(" \t");
        if (start == std::string::npos || line[start] == '#') continue;
        const fs::path p = line.substr(start);
        walk(p.is_absolute() ? p : base / p, found, problems);
    }
    return collect(std::move(found), std::move(problems));
}

}  // namespace nianbao
