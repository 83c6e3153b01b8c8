// Errors as values: fallible calls return Result<T> (std::expected<T, Error>).
// No exception crosses a module boundary.
#ifndef NEWSWEAVE_STATUS_H_
#define NEWSWEAVE_STATUS_H_

#include <expected>
#include <string>
#include <utility>

namespace newsweave {

enum class ErrorCode {
  kInvalidArgument,  // the caller passed something unusable
  kNotFound,         // a file, record or id does not exist
  kIOError,          // the operating system refused a read or write
  kCorruption,       // input that claims a format but breaks it
  kUnsupported,      // a format or feature newsweave does not handle
  kTooLarge,         // input over a configured limit
  kInternal,         // a library failed in a way the caller cannot fix
};

// One failure: a code for programs and a message for people. The message names the
// file (and line) when the error is about input.
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
};

template <class T>
using Result = std::expected<T, Error>;

// A Result<void> for calls that return nothing but may fail.
using Status = std::expected<void, Error>;

// Shorthand for returning an error from a function that returns Result<T> or Status.
inline std::unexpected<Error> MakeError(ErrorCode code, std::string message) {
  return std::unexpected<Error>(Error{code, std::move(message)});
}

// Returns a short name for the code ("io error", "corruption", ...).
const char* ErrorCodeName(ErrorCode code);

}  // namespace newsweave

#endif  // NEWSWEAVE_STATUS_H_
