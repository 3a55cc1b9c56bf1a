#pragma once

// PostgreSQL's failures in the store's words: which Errc, and a message the
// user can act on. Private to the store.

#include <string>
#include <string_view>

#include "trialwise/core/error.hpp"

namespace trialwise::store::detail {

/// The Error for a failure with SQLSTATE `sqlstate` ("" when the connection
/// itself failed) and the server's `detail`, on the database `name`.
Error pg_error(std::string_view sqlstate, const std::string& detail, const std::string& name);

/// Serialization failure or deadlock: the server asks for the transaction
/// again from the start, and nothing of it was saved.
bool pg_asks_retry(std::string_view sqlstate);

}  // namespace trialwise::store::detail
