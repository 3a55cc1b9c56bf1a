#include "pg_errors.hpp"

namespace trialwise::store::detail {

bool pg_asks_retry(std::string_view sqlstate) { return sqlstate == "40001" || sqlstate == "40P01"; }

Error pg_error(std::string_view sqlstate, const std::string& detail, const std::string& name) {
  const auto make = [&](Errc code, std::string message) { return Error{code, std::move(message), name}; };
  const auto is_class = [&](std::string_view cls) { return sqlstate.substr(0, 2) == cls; };
  // No SQLSTATE: the connection failed (refused, reset, the server went away).
  // Class 08 is a connection exception; 57P01-57P03 a server shutting down or
  // starting up; 53300 too many connections: all pass, so try again later.
  if (sqlstate.empty() || is_class("08") || sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03" ||
      sqlstate == "53300")
    return make(Errc::unavailable, "the database server " + name + " cannot be reached (" + detail +
                                       "); nothing was changed, try again shortly");
  if (pg_asks_retry(sqlstate))
    return make(Errc::io, "the database " + name + " was too busy with other writers; nothing was saved, try again");
  if (sqlstate == "53100")
    return make(Errc::io, "the database server's disk is full; nothing was saved (" + name + ")");
  if (sqlstate == "25006")
    return make(Errc::io, "the database " + name +
                              " is read-only (a standby, or in recovery); nothing was saved: point Trialwise at the "
                              "primary");
  if (is_class("28") || sqlstate == "42501")
    return make(Errc::io, "no permission to use the database " + name + " (" + detail + ")");
  if (is_class("53") || is_class("54"))
    return make(Errc::limit, "the database " + name + " ran out of room (" + detail + ")");
  if (is_class("23"))
    return make(Errc::conflict, "the change contradicts what is saved (" + detail + "); nothing was saved");
  return make(Errc::internal,
              "PostgreSQL failed on " + name + ": " + detail + " (SQLSTATE " + std::string(sqlstate) + ")");
}

}  // namespace trialwise::store::detail
