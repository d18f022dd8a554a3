#pragma once
// Finding the documents of an archive: every PDF under a folder (or listed in
// a manifest), and every folder of page images, each named by the SHA-256 of
// its content so that a report filed twice is one document.

#include <filesystem>
#include <string>
#include <vector>

namespace nianbao {

// One document to extract.
struct DocumentInput {
    std::string sha256;          // of the PDF's bytes; for images, of the pages' hashes in order
    std::filesystem::path path;  // a PDF, or a folder of page images
    std::string input_type;      // pdf | images
    int pages = 0;               // the number of images; 0 for a PDF (extraction tells)
    std::vector<std::filesystem::path> other_paths;  // the same content found elsewhere
};

struct Discovery {
    std::vector<DocumentInput> documents;  // one per content hash, in path order
    std::vector<std::string> problems;     // paths that could not be read, with the reason
    int duplicates = 0;                    // paths that repeat a document's content
};

// Every .pdf file (any letter case) below `root`, recursively, and every
// folder below it (or `root` itself) that holds page images (.png .jpg .jpeg
// .tif .tiff): such a folder is one document, its images the pages in name
// order. Symbolic links to folders are not followed.
Discovery discover_folder(const std::filesystem::path& root);

// The documents a manifest lists: one path per line, relative to the
// manifest's own folder unless absolute; a line naming a folder is discovered
// as by discover_folder. Blank lines and lines starting with # are skipped.
// Throws InputError(unreadable) when the manifest cannot be read.
Discovery discover_manifest(const std::filesystem::path& manifest);

bool is_page_image(const std::filesystem::path& p);

}  // namespace nianbao
