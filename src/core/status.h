// core — the vocabulary every other module speaks: Status/Result<T> (errors as a message id
// plus named parameters, translated only when shown), money in integer đồng, calendar dates,
// an injectable clock and the configuration of a data directory. Depends on nothing else here.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace ketnoi {

// A user-visible message: a catalog id ("import.bad_year") and named parameters. It is rendered
// in the reader's language by core/messages.h; code never builds sentences itself.
struct Message {
  std::string id;
  std::vector<std::pair<std::string, std::string>> params;

  Message() = default;
  Message(std::string message_id,
          std::vector<std::pair<std::string, std::string>> message_params = {})
      : id(std::move(message_id)), params(std::move(message_params)) {}
  // The value of a named parameter, or "" when absent.
  const std::string& Param(std::string_view name) const;
};

enum class StatusCode {
  kOk = 0,
  kInvalid,          // bad input from a user or a file
  kNotFound,         // the thing asked for does not exist
  kConflict,         // it exists already / a uniqueness rule
  kDenied,           // not allowed
  kUnauthenticated,  // who you are is not known (sign in), or the credentials are wrong
  kThrottled,        // too many attempts; try again later
  kUnavailable,      // a resource (database, index lock) cannot be reached now
  kIo,               // disk, network
  kInternal,         // a bug or an unexpected library failure
};

class Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, Message message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return {}; }
  static Status Invalid(Message m) { return {StatusCode::kInvalid, std::move(m)}; }
  static Status NotFound(Message m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status Conflict(Message m) { return {StatusCode::kConflict, std::move(m)}; }
  static Status Denied(Message m) { return {StatusCode::kDenied, std::move(m)}; }
  static Status Unauthenticated(Message m) { return {StatusCode::kUnauthenticated, std::move(m)}; }
  static Status Throttled(Message m) { return {StatusCode::kThrottled, std::move(m)}; }
  static Status Unavailable(Message m) { return {StatusCode::kUnavailable, std::move(m)}; }
  static Status Io(Message m) { return {StatusCode::kIo, std::move(m)}; }
  static Status Internal(Message m) { return {StatusCode::kInternal, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const Message& message() const { return message_; }
  // For logs and test failures: "id{k=v, …}" — not for users (use messages.h).
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  Message message_;
};

// A value or the Status explaining why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {}  // NOLINT

  bool ok() const { return std::holds_alternative<T>(data_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(data_);
  }
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace ketnoi

// Return early from a function returning Status or Result<…> when `expr` is not ok.
#define KETNOI_RETURN_IF_ERROR(expr)                 \
  do {                                               \
    auto ketnoi_status_ = (expr);                    \
    if (!ketnoi_status_.ok()) return ketnoi_status_; \
  } while (0)

#define KETNOI_CONCAT_INNER_(a, b) a##b
#define KETNOI_CONCAT_(a, b) KETNOI_CONCAT_INNER_(a, b)
// `KETNOI_ASSIGN_OR_RETURN(auto x, Compute());`
#define KETNOI_ASSIGN_OR_RETURN(lhs, expr)                    \
  auto KETNOI_CONCAT_(ketnoi_result_, __LINE__) = (expr);     \
  if (!KETNOI_CONCAT_(ketnoi_result_, __LINE__).ok())         \
    return KETNOI_CONCAT_(ketnoi_result_, __LINE__).status(); \
  lhs = std::move(KETNOI_CONCAT_(ketnoi_result_, __LINE__)).value()
