#pragma once

// Stable identifiers for exported resources and calendar events.
//
// Namespace note: `export` is a C++ keyword, so the export library's
// namespace is trialwise::interop while its headers live under
// trialwise/export/.
//
// Every id in an export is a name-based UUID (RFC 4122 version 5: SHA-1 of a
// namespace and a name) made from the trial's key, the kind of thing and its
// index or date. Exporting the same stored trial twice gives the same ids;
// two different trials (even with the same store id in two databases) get
// different ones, because the key includes the time the store created the
// trial.

#include <string>
#include <string_view>

#include "trialwise/model/trial.hpp"

namespace trialwise::interop {

/// RFC 4122's namespace for URLs.
inline constexpr std::string_view kUrlNamespace = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";

/// Where Trialwise's own FHIR canonical URLs start (no trailing slash). The
/// host is a placeholder under .example: nothing is served there.
inline constexpr std::string_view kCanonicalBase = "https://trialwise.example/fhir";

/// The name-based (version 5) UUID of `name` in the namespace `ns`, in
/// lowercase hex with dashes. `ns` must be a UUID in that form; if it is not,
/// its text is hashed as it is (still deterministic).
std::string uuid_v5(std::string_view ns, std::string_view name);

/// Trialwise's own namespace: uuid_v5(kUrlNamespace, "https://trialwise.example/").
const std::string& trialwise_namespace();

/// What identifies a trial across exports: "trial/<id>/<created_at>/<start>".
std::string trial_key(const model::Trial& t);

/// The id of one exported thing: uuid_v5(trialwise_namespace(),
/// trial_key(t) + "/" + kind + "/" + index), e.g. kind "Observation/outcome"
/// and index "2026-12-14".
std::string export_uuid(const model::Trial& t, std::string_view kind, std::string_view index = {});

}  // namespace trialwise::interop
