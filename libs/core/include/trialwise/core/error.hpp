#pragma once

#include <string>
#include <utility>

namespace trialwise {

/// What kind of failure an Error reports. Each front end maps these once:
/// the command line to exit codes, the HTTP server to status codes.
enum class Errc {
  invalid_input,  ///< the user's or a file's input is malformed or out of range
  not_found,      ///< the thing asked for does not exist
  conflict,       ///< the request contradicts saved state
  refused,        ///< valid input, but the domain says no (e.g. a safety gate)
  io,             ///< a file, database or socket failed
  unavailable,    ///< a service needed (the PostgreSQL server) cannot be reached now; try again
  limit,          ///< a size, depth or memory bound was reached
  internal,       ///< a bug: an invariant did not hold
};

/// An expected failure, returned as a value. `message` says what is wrong in
/// words the user can act on; `where` locates it (a file and JSON pointer, a
/// line and column, a command-line flag), or is empty when nothing narrower
/// than the whole input applies.
struct Error {
  Errc code = Errc::internal;
  std::string message;
  std::string where;
};

inline Error invalid_input(std::string where, std::string message) {
  return {Errc::invalid_input, std::move(message), std::move(where)};
}
inline Error not_found(std::string where, std::string message) {
  return {Errc::not_found, std::move(message), std::move(where)};
}
inline Error conflict(std::string where, std::string message) {
  return {Errc::conflict, std::move(message), std::move(where)};
}
inline Error refused(std::string where, std::string message) {
  return {Errc::refused, std::move(message), std::move(where)};
}
inline Error limit_reached(std::string where, std::string message) {
  return {Errc::limit, std::move(message), std::move(where)};
}
inline Error io_error(std::string where, std::string message) {
  return {Errc::io, std::move(message), std::move(where)};
}
inline Error unavailable(std::string where, std::string message) {
  return {Errc::unavailable, std::move(message), std::move(where)};
}
inline Error internal_error(std::string where, std::string message) {
  return {Errc::internal, std::move(message), std::move(where)};
}

/// A one-line rendering for logs and terminals: "where: message", or the
/// message alone when `where` is empty.
inline std::string to_string(const Error& e) { return e.where.empty() ? e.message : e.where + ": " + e.message; }

/// The stable name of an error code, as used in JSON error objects.
inline const char* to_string(Errc code) {
  switch (code) {
    case Errc::invalid_input: return "invalid_input";
    case Errc::not_found: return "not_found";
    case Errc::conflict: return "conflict";
    case Errc::refused: return "refused";
    case Errc::io: return "io";
    case Errc::unavailable: return "unavailable";
    case Errc::limit: return "limit";
    case Errc::internal: return "internal";
  }
  return "internal";
}

}  // namespace trialwise
