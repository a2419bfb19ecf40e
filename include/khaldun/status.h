// khaldun::Status and khaldun::Result<T>: errors as values.
//
// Every call that can fail because of I/O, configuration or data returns a
// Status (or a Result<T>, a value or a Status). No exception crosses the
// public API. Messy article content is not an error: it becomes a
// diagnostic on the article and processing goes on.
//
//   khaldun::Result<std::string> bytes = ReadSomething(path);
//   if (!bytes.ok()) { std::cerr << bytes.status().ToString(); return 1; }
//   Use(*bytes);
#ifndef KHALDUN_STATUS_H_
#define KHALDUN_STATUS_H_

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace khaldun {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // a bad option or parameter from the caller
  kNotFound,         // a path or entry that does not exist
  kIOError,          // the operating system refused a read or write
  kCorruption,       // malformed input: broken UTF-8, bad JSON, truncated gzip
  kTooLarge,         // input over a configured size bound
  kUnsupported,      // input of a kind khaldun does not read (binary, image)
  kInternal,         // a bug: should never be reachable from input
  kDeadlineExceeded, // an operation ran past its time limit (a slow query)
  kUnauthenticated,  // a write without valid credentials (the server's token)
};

// Short lower-case name of a code, e.g. "corruption".
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message)
      : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) {
    return {StatusCode::kInvalidArgument, std::move(m)};
  }
  static Status NotFound(std::string m) {
    return {StatusCode::kNotFound, std::move(m)};
  }
  static Status IOError(std::string m) {
    return {StatusCode::kIOError, std::move(m)};
  }
  static Status Corruption(std::string m) {
    return {StatusCode::kCorruption, std::move(m)};
  }
  static Status TooLarge(std::string m) {
    return {StatusCode::kTooLarge, std::move(m)};
  }
  static Status Unsupported(std::string m) {
    return {StatusCode::kUnsupported, std::move(m)};
  }
  static Status Internal(std::string m) {
    return {StatusCode::kInternal, std::move(m)};
  }
  static Status DeadlineExceeded(std::string m) {
    return {StatusCode::kDeadlineExceeded, std::move(m)};
  }
  static Status Unauthenticated(std::string m) {
    return {StatusCode::kUnauthenticated, std::move(m)};
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  // A human-readable sentence fragment, e.g. "invalid UTF-8 at byte 1041".
  const std::string& message() const { return message_; }
  // "ok" or the message; callers add the file name in front.
  std::string ToString() const { return ok() ? "ok" : message_; }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// A value of type T or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(data_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(data_);
  }
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace khaldun

#endif  // KHALDUN_STATUS_H_
