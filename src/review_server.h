#pragma once
// The HTTP side of `nianbao review` (cpp-httplib): the page and the JSON API
// of src/review.h. Safe by default: loopback only unless a token is given,
// the token checked on every request, the Host header checked (no DNS
// rebinding), writes only as JSON (no cross-site form posts). docs/review.md.

#include <memory>
#include <string>

#include "src/review.h"

namespace httplib {
class Server;
}

namespace nianbao {

struct ReviewOptions {
    std::string host = "127.0.0.1";
    int port = 0;              // 0: any free port
    std::string token;         // required unless host is a loopback address
    std::string reviewer;      // the name corrections are recorded under by default
};

// True for 127.0.0.0/8, ::1 and localhost.
bool is_loopback_host(const std::string& host);

class ReviewServer {
public:
    // Throws InputError(usage) for a non-loopback host without a token.
    ReviewServer(ReviewApi& api, ReviewOptions options);
    ~ReviewServer();
    ReviewServer(const ReviewServer&) = delete;
    ReviewServer& operator=(const ReviewServer&) = delete;

    // Binds; returns the port (throws InputError(unreadable) when it cannot).
    int bind();
    // Serves until stop() (from another thread or a signal handler's thread).
    void serve();
    void stop();
    // http://HOST:PORT/ (with ?token=… when there is a token).
    std::string url() const;

private:
    ReviewApi& api_;
    ReviewOptions options_;
    std::unique_ptr<httplib::Server> server_;
    int port_ = 0;
};

}  // namespace nianbao
