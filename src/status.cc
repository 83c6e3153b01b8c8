#include "newsweave/status.h"

namespace newsweave {

const char* ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "invalid argument";
    case ErrorCode::kNotFound:
      return "not found";
    case ErrorCode::kIOError:
      return "io error";
    case ErrorCode::kCorruption:
      return "corruption";
    case ErrorCode::kUnsupported:
      return "unsupported";
    case ErrorCode::kTooLarge:
      return "too large";
    case ErrorCode::kInternal:
      return "internal error";
  }
  return "error";
}

}  // namespace newsweave
