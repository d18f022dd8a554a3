#pragma once

#include <filesystem>
#include <string>

namespace nianbao {

// Lower-case hex SHA-256 of a file's bytes; throws InputError if unreadable.
std::string sha256_file(const std::filesystem::path& path);

// Lower-case hex SHA-256 of bytes in memory.
std::string sha256_text(const std::string& bytes);

}  // namespace nianbao
