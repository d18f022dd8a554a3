#pragma once
// One exception type for everything a user can get wrong about an input, each
// with its own documented exit status (README.md, "Exit status").

#include <stdexcept>
#include <string>

namespace nianbao {

enum class ExitCode : int {
    ok = 0,
    usage = 2,            // bad command line
    unreadable = 3,       // missing file, permission denied, output not writable
    not_pdf = 4,          // not a PDF nor a supported page image
    encrypted = 5,        // needs a password
    damaged = 6,          // truncated or corrupt
    no_pages = 7,         // zero pages
    no_tables = 8,        // none of the statutory tables found
    too_many_pages = 9,   // over --max-pages
    internal = 70,        // a bug: please report
};

class InputError : public std::runtime_error {
public:
    InputError(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
    ExitCode code() const { return code_; }

private:
    ExitCode code_;
};

}  // namespace nianbao
