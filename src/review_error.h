#pragma once

#include <stdexcept>
#include <string>

namespace nianbao {

// A request the review API cannot answer: `status` is the HTTP status to
// send (400 bad request, 404 unknown document or cell, 409 nothing to undo).
class ReviewError : public std::runtime_error {
public:
    ReviewError(int status, const std::string& message) : std::runtime_error(message), status_(status) {}
    int status() const { return status_; }

private:
    int status_;
};

}  // namespace nianbao
